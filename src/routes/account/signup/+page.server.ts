import { fail, redirect } from '@sveltejs/kit';
import { readNewCredentials } from '$lib/server/auth/forms';
import { startSession } from '$lib/server/auth/sign-in';
import { createUser } from '$lib/server/auth/users';
import { hit, minutesLeft } from '$lib/server/limits';
import { safeNext } from '$lib/server/safe-next';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, '/account');
	return {
		next: safeNext(url.searchParams.get('next'), url.origin),
		hasProgress: !!locals.learner
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { request, locals, cookies, url, getClientAddress } = event;
		const form = await request.formData();
		const next = safeNext(form.get('next'), url.origin);
		const attempt = await hit(locals.db, 'signUpPerAddress', getClientAddress());
		if (!attempt.allowed) {
			return fail(429, {
				message: locals.t('account.tooMany', { minutes: minutesLeft(attempt) }),
				username: ''
			});
		}
		const input = readNewCredentials(form);
		if ('problem' in input)
			return fail(400, { message: locals.t(input.problem), username: input.username });
		const user = await createUser(locals.db, input);
		if (!user)
			return fail(400, { message: locals.t('account.usernameTaken'), username: input.username });
		await startSession(locals.db, cookies, url, user.id);
		redirect(303, next);
	}
};
