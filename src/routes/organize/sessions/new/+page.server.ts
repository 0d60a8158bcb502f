import { fail, redirect } from '@sveltejs/kit';
import { audit } from '$lib/server/audit';
import { requireOrganizer } from '$lib/server/auth/access';
import { provinceDay } from '$lib/server/dates';
import { problemText, readSessionForm } from '$lib/server/campaigns/session-form';
import { createInPersonSession } from '$lib/server/campaigns/sessions';
import { campaignsOf } from '$lib/server/campaigns/store';
import { campaignFormOptions } from '$lib/server/campaigns/views';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireOrganizer(event);
	const { regionGroups } = await campaignFormOptions(event.locals);
	return {
		regionGroups,
		campaigns: (await campaignsOf(event.locals.db, user.organizationId)).map((c) => ({
			id: c.id,
			title: c.title
		})),
		today: provinceDay()
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireOrganizer(event);
		const result = await readSessionForm(
			event.locals.db,
			await event.request.formData(),
			user.organizationId
		);
		if (!result.ok)
			return fail(400, { message: problemText(event.locals, result), values: result.values });
		const session = await createInPersonSession(
			event.locals.db,
			user.organizationId,
			user.id,
			result.input
		);
		await audit(event.locals.db, user, 'session.created', session.id, {
			heldOn: session.heldOn,
			capacity: session.capacity,
			selfReported: session.selfReported
		});
		redirect(303, `/organize/sessions/${session.id}`);
	}
};
