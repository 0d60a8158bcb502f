import { redirect } from '@sveltejs/kit';
import { findByGuessableCode } from '$lib/server/campaigns/code-guard';
import { joinCodePattern, normalizeCode } from '$lib/server/campaigns/codes';
import { findByCode, joinCampaign, joinState } from '$lib/server/campaigns/store';
import { getCatalogue } from '$lib/server/content';
import { organizations } from '$lib/server/db/schema';
import { eq } from 'drizzle-orm';
import type { PageServerLoad } from './$types';

/**
 * Opening a campaign's link joins it (no account needed): from then on the learner's lessons in the
 * campaign's courses count for it. A code that does not exist counts against the address, so codes
 * cannot be guessed by trying many.
 */
export const load: PageServerLoad = async ({ params, locals, url, getClientAddress }) => {
	const { db, locale } = locals;
	const code = normalizeCode(params.code);
	// Encoded: a typed code may hold characters a Location header cannot (found by tests/stress/fuzz.ts).
	if (code !== params.code) redirect(303, `/join/${encodeURIComponent(code)}`);
	const campaign = await findByGuessableCode(
		locals,
		getClientAddress(),
		() => (joinCodePattern.test(code) ? findByCode(db, code) : Promise.resolve(null)),
		'join.unknown'
	);
	const state = joinState(campaign);
	if (state === 'open') {
		// A poster for one commune carries it (`?place=<unit code>`): /start offers it first.
		const place = url.searchParams.get('place');
		const placeQuery = place && /^[0-9A-Za-z-]{1,20}$/.test(place) ? `&place=${place}` : '';
		if (!locals.learner)
			redirect(303, `/start?next=${encodeURIComponent(url.pathname)}${placeQuery}`);
		await joinCampaign(db, campaign.id, locals.learner.id);
	}
	const organization = await db.query.organizations.findFirst({
		where: eq(organizations.id, campaign.organizationId)
	});
	const catalogue = getCatalogue();
	return {
		state,
		campaign: { title: campaign.title, startsOn: campaign.startsOn, endsOn: campaign.endsOn },
		organization: organization?.name ?? '',
		courses: campaign.courses.flatMap((slug) => {
			const course = catalogue.courses.find((c) => c.slug === slug);
			return course
				? [
						{
							slug,
							title: course.text[locale].title,
							summary: course.text[locale].summary,
							minutes: course.minutes
						}
					]
				: [];
		})
	};
};
