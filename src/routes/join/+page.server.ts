import { fail, redirect } from '@sveltejs/kit';
import { normalizeCode } from '$lib/server/campaigns/codes';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const code = normalizeCode((await request.formData()).get('code')?.toString() ?? '');
		if (!code) return fail(400, { message: locals.t('join.enterCode') });
		redirect(303, `/join/${encodeURIComponent(code)}`);
	}
};
