import { localName } from '$lib/content/vocabulary';
import { error, type RequestEvent } from '@sveltejs/kit';
import { requireOrganizer } from '../auth/access';
import { getCatalogue } from '../content';
import { formerDistrictName, formerDistricts } from '../areas';
import { activeRegions } from '../db/regions';
import { findOwnCampaign } from './store';

/** The organizer's own campaign named in the URL, or 404: another organization's id finds nothing. */
export async function ownCampaignOr404(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const user = requireOrganizer(event);
	const id = (event.params as { id?: string }).id ?? '';
	const campaign = await findOwnCampaign(event.locals.db, id, user.organizationId);
	if (!campaign) error(404, event.locals.t('error.notFound'));
	return { user, campaign };
}

/** The organizer's own campaign, if it may still be edited: a closed campaign's figures are final (409). */
export async function editableCampaignOr409(
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'>
) {
	const own = await ownCampaignOr404(event);
	if (own.campaign.status === 'closed') error(409, event.locals.t('campaign.problem.closed'));
	return own;
}

/**
 * The catalogue and the places a campaign or session form offers, in the page's language: the active
 * set's units grouped by former district (a whole district can be targeted at once).
 */
export async function campaignFormOptions(locals: App.Locals) {
	const { locale, db } = locals;
	const units = await activeRegions(db);
	const districts = await formerDistricts(db);
	const regionGroups = districts
		.map((d) => ({
			area: d.area,
			name: formerDistrictName(d, locale),
			regions: units
				.filter((u) => u.districtCode === d.code)
				.map((u) => ({ id: u.id, name: localName(u, locale) }))
		}))
		.filter((g) => g.regions.length);
	return {
		courseOptions: getCatalogue().courses.map((c) => ({
			slug: c.slug,
			title: c.text[locale].title,
			audience: c.audience
		})),
		regionGroups
	};
}
