import { fail } from '@sveltejs/kit';
import { campaignReport } from '$lib/server/campaigns/report';
import { joinState, setCampaignStatus } from '$lib/server/campaigns/store';
import { ownCampaignOr404, qrSvg } from '$lib/server/campaigns/views';
import { getCatalogue } from '$lib/server/content';
import { campaignStatuses, type CampaignStatus } from '$lib/server/db/schema';
import { minGroupSize } from '$lib/server/privacy';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { campaign } = await ownCampaignOr404(event);
	const joinUrl = `${event.url.origin}/join/${campaign.joinCode}`;
	return {
		campaign: {
			id: campaign.id,
			title: campaign.title,
			joinCode: campaign.joinCode,
			joinUrl,
			status: campaign.status,
			state: joinState(campaign),
			startsOn: campaign.startsOn,
			endsOn: campaign.endsOn,
			audience: campaign.audience
		},
		qr: await qrSvg(joinUrl),
		report: await campaignReport(event.locals.db, getCatalogue(), campaign, event.locals.locale),
		minGroupSize
	};
};

export const actions: Actions = {
	/**
	 * Pause, resume, close or reopen. Closing asks once more first (a plain form, so it works without
	 * JavaScript); a closed campaign can only be reopened, and what was learned meanwhile stays uncounted.
	 */
	status: async (event) => {
		const { user, campaign } = await ownCampaignOr404(event);
		const form = await event.request.formData();
		const status = form.get('status') as CampaignStatus;
		if (!campaignStatuses.includes(status)) {
			return fail(400, { message: event.locals.t('campaign.problem.status') });
		}
		if (status === 'closed' && campaign.status !== 'closed' && form.get('confirm') !== 'yes') {
			return { confirmClose: true };
		}
		if (!(await setCampaignStatus(event.locals.db, campaign, status, user))) {
			return fail(400, { message: event.locals.t('campaign.problem.status') });
		}
		return { status, reopened: campaign.status === 'closed' };
	}
};
