import { fail } from '@sveltejs/kit';
import { audit } from '$lib/server/audit';
import { campaignReport } from '$lib/server/campaigns/report';
import { joinState, setCampaignStatus } from '$lib/server/campaigns/store';
import { ownCampaignOr404 } from '$lib/server/campaigns/views';
import { qrSvg } from '$lib/server/qr';
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
	/** Pause, resume or close. A closed campaign stays closed: its figures are final. */
	status: async (event) => {
		const { user, campaign } = await ownCampaignOr404(event);
		const status = (await event.request.formData()).get('status');
		if (!campaignStatuses.includes(status as CampaignStatus) || campaign.status === 'closed') {
			return fail(400, { message: event.locals.t('campaign.problem.status') });
		}
		await setCampaignStatus(event.locals.db, campaign.id, status as CampaignStatus);
		await audit(event.locals.db, user, `campaign.${status}`, campaign.id);
		return { status };
	}
};
