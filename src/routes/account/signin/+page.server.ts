import { fail, redirect } from '@sveltejs/kit';
import { twoFactorPage, twoFactorRequired } from '$lib/server/auth/access';
import { startPendingSignIn } from '$lib/server/auth/pending-sign-in';
import { homeOf, startSession } from '$lib/server/auth/sign-in';
import { hasTwoFactor } from '$lib/server/auth/two-factor';
import { checkCredentials, normalizeUsername } from '$lib/server/auth/users';
import { check, clearLimit, hit, minutesLeft, type Verdict } from '$lib/server/limits';
import { safeNext } from '$lib/server/safe-next';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, homeOf(locals.user.role));
	return { next: safeNext(url.searchParams.get('next'), url.origin, '') };
};

export const actions: Actions = {
	/**
	 * Failed attempts are counted per account and per address; over either limit the answer is 429 before
	 * any password is checked. Unknown names and wrong passwords get the same message and the same work.
	 * With two-step verification on, the right password only leads to the code step (./code); an admin or
	 * analyst without it is signed in and sent to turn it on, which is all their session can do until then.
	 */
	default: async ({ request, locals, cookies, url, getClientAddress }) => {
		const { db, t } = locals;
		const form = await request.formData();
		const rawUsername = form.get('username');
		const password = form.get('password');
		const username =
			typeof rawUsername === 'string' ? normalizeUsername(rawUsername).slice(0, 100) : '';
		const address = getClientAddress();
		const tooMany = (verdicts: Verdict[]) => {
			const refused = verdicts.filter((v) => !v.allowed);
			if (!refused.length) return null;
			const minutes = Math.max(...refused.map(minutesLeft));
			return fail(429, { message: t('account.tooMany', { minutes }), username });
		};
		const limited = tooMany([
			await check(db, 'signInPerAccount', username),
			await check(db, 'signInPerAddress', address)
		]);
		if (limited) return limited;
		const user =
			typeof password === 'string' && username && password.length <= 200
				? await checkCredentials(db, username, password)
				: null;
		if (!user) {
			const refused = tooMany([
				await hit(db, 'signInPerAccount', username),
				await hit(db, 'signInPerAddress', address)
			]);
			return refused ?? fail(400, { message: t('account.badCredentials'), username });
		}
		await clearLimit(db, 'signInPerAccount', username);
		const next = safeNext(form.get('next'), url.origin, homeOf(user.role));
		if (await hasTwoFactor(db, user.id)) {
			await startPendingSignIn(db, cookies, url, user.id, next);
			redirect(303, '/account/signin/code');
		}
		await startSession(db, cookies, url, user.id);
		redirect(303, twoFactorRequired(user.role) ? twoFactorPage : next);
	}
};
