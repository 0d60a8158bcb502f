import { ownCampaignOr404, qrSvg } from '$lib/server/campaigns/views';
import { getCatalogue } from '$lib/server/content';
import { eq } from 'drizzle-orm';
import { activeRegionsAmong } from '$lib/server/db/regions';
import { organizations } from '$lib/server/db/schema';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { campaign } = await ownCampaignOr404(event);
	// A poster for one of the campaign's communes (`?place=<region id>`) pre-fills it for residents.
	const targets = await activeRegionsAmong(event.locals.db, campaign.regions);
	const place = targets.find((r) => r.id === event.url.searchParams.get('place'));
	const joinUrl = `${event.url.origin}/join/${campaign.joinCode}${place ? `?place=${place.code}` : ''}`;
	const organization = await event.locals.db.query.organizations.findFirst({
		where: eq(organizations.id, campaign.organizationId)
	});
	const catalogue = getCatalogue();
	return {
		campaign: {
			id: campaign.id,
			title: campaign.title,
			joinCode: campaign.joinCode,
			status: campaign.status,
			startsOn: campaign.startsOn,
			endsOn: campaign.endsOn
		},
		organization: organization?.name ?? '',
		joinUrl,
		host: event.url.host,
		courses: campaign.courses.map((slug) => {
			const course = catalogue.courses.find((c) => c.slug === slug);
			return { title: course?.text.vi.title ?? slug, minutes: course?.minutes ?? 0 };
		}),
		qr: await qrSvg(joinUrl),
		places: targets.map((r) => ({ id: r.id, name: r.nameVi })),
		place: place ? { id: place.id, name: place.nameVi } : null
	};
};
