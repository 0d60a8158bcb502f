import { fail, redirect } from '@sveltejs/kit';
import { audit } from '$lib/server/audit';
import { requireOrganizer } from '$lib/server/auth/access';
import { provinceDay } from '$lib/server/dates';
import { readCampaignForm } from '$lib/server/campaigns/form';
import { createCampaign } from '$lib/server/campaigns/store';
import { campaignFormOptions } from '$lib/server/campaigns/views';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireOrganizer(event);
	return { ...(await campaignFormOptions(event.locals)), today: provinceDay() };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireOrganizer(event);
		const result = await readCampaignForm(event.locals.db, await event.request.formData());
		if (!result.ok)
			return fail(400, { message: event.locals.t(result.problem), values: result.values });
		const campaign = await createCampaign(
			event.locals.db,
			user.organizationId,
			user.id,
			result.input
		);
		await audit(event.locals.db, user, 'campaign.created', campaign.id, { title: campaign.title });
		redirect(303, `/organize/campaigns/${campaign.id}`);
	}
};
