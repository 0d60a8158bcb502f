import { fail, redirect } from '@sveltejs/kit';
import { audit } from '$lib/server/audit';
import { readCampaignForm } from '$lib/server/campaigns/form';
import { updateCampaign } from '$lib/server/campaigns/store';
import { campaignFormOptions, editableCampaignOr409 } from '$lib/server/campaigns/views';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { campaign } = await editableCampaignOr409(event);
	return {
		...(await campaignFormOptions(event.locals)),
		campaign: { id: campaign.id, title: campaign.title },
		values: {
			title: campaign.title,
			courses: campaign.courses,
			regions: campaign.regions,
			audience: campaign.audience ?? '',
			targetSize: String(campaign.targetSize),
			startsOn: campaign.startsOn,
			endsOn: campaign.endsOn
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { user, campaign } = await editableCampaignOr409(event);
		const result = await readCampaignForm(event.locals.db, await event.request.formData());
		if (!result.ok)
			return fail(400, { message: event.locals.t(result.problem), values: result.values });
		await updateCampaign(event.locals.db, campaign.id, result.input);
		await audit(event.locals.db, user, 'campaign.updated', campaign.id, {
			title: result.input.title
		});
		redirect(303, `/organize/campaigns/${campaign.id}`);
	}
};
