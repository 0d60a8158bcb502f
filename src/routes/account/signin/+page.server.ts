import { fail, redirect } from '@sveltejs/kit';
import { safeNext } from '$lib/server/auth/forms';
import { homeOf, startSession } from '$lib/server/auth/sign-in';
import { checkCredentials, normalizeUsername } from '$lib/server/auth/users';
import { clearLimit, hit, isLimited, limits } from '$lib/server/rate-limit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, homeOf(locals.user.role));
	return { next: url.searchParams.get('next') ?? '' };
};

export const actions: Actions = {
	/**
	 * Failed attempts are counted per account and per address; over either limit the answer is 429 before
	 * any password is checked. Unknown names and wrong passwords get the same message and the same work.
	 */
	default: async ({ request, locals, cookies, url, getClientAddress }) => {
		const { db, t } = locals;
		const form = await request.formData();
		const rawUsername = form.get('username');
		const password = form.get('password');
		const username =
			typeof rawUsername === 'string' ? normalizeUsername(rawUsername).slice(0, 100) : '';
		const accountKey = `signin:user:${username}`;
		const addressKey = `signin:addr:${getClientAddress()}`;
		const tooMany = () => fail(429, { message: t('account.tooMany', { minutes: 15 }), username });
		if (
			(await isLimited(db, accountKey, limits.signInPerAccount)) ||
			(await isLimited(db, addressKey, limits.signInPerAddress))
		) {
			return tooMany();
		}
		const user =
			typeof password === 'string' && username && password.length <= 200
				? await checkCredentials(db, username, password)
				: null;
		if (!user) {
			const perAccount = await hit(db, accountKey, limits.signInPerAccount);
			const perAddress = await hit(db, addressKey, limits.signInPerAddress);
			if (!perAccount.allowed || !perAddress.allowed) return tooMany();
			return fail(400, { message: t('account.badCredentials'), username });
		}
		await clearLimit(db, accountKey);
		await startSession(db, cookies, url, user.id);
		redirect(303, safeNext(form.get('next'), homeOf(user.role)));
	}
};
