import { fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { requireUser } from '$lib/server/auth/access';
import { deleteSessionTokenCookie, setSessionTokenCookie } from '$lib/server/auth/cookies';
import { passwordProblem } from '$lib/server/auth/password';
import {
	createSession,
	generateSessionToken,
	invalidateUserSessions
} from '$lib/server/auth/session';
import { totpKey } from '$lib/server/auth/totp-key';
import { twoFactorState } from '$lib/server/auth/two-factor';
import { checkCredentials, setPassword } from '$lib/server/auth/users';
import { scopeName } from '$lib/server/areas';
import { organizations } from '$lib/server/db/schema';
import { check, hit, minutesLeft } from '$lib/server/limits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const { db, locale } = event.locals;
	const organization = user.organizationId
		? await db.query.organizations.findFirst({ where: eq(organizations.id, user.organizationId) })
		: undefined;
	const twoFactor = user.role === 'learner' ? null : await twoFactorState(db, totpKey(), user.id);
	return {
		account: {
			username: user.username,
			role: user.role,
			organization: organization?.name ?? null,
			region: await scopeName(db, user.scope, locale)
		},
		twoFactor: twoFactor && { enrolled: twoFactor.enrolled, recoveryLeft: twoFactor.recoveryLeft }
	};
};

export const actions: Actions = {
	/** A password change signs the account out everywhere, then back in on this device only. */
	password: async (event) => {
		const user = requireUser(event);
		const { db, t } = event.locals;
		const form = await event.request.formData();
		const current = form.get('current');
		const next = form.get('password');
		const confirm = form.get('confirm');
		const limited = await check(db, 'signInPerAccount', user.username);
		if (!limited.allowed)
			return fail(429, {
				passwordMessage: t('account.tooMany', { minutes: minutesLeft(limited) })
			});
		if (typeof current !== 'string' || !(await checkCredentials(db, user.username, current))) {
			await hit(db, 'signInPerAccount', user.username);
			return fail(400, { passwordMessage: t('account.wrongCurrent') });
		}
		if (typeof next !== 'string' || passwordProblem(next))
			return fail(400, { passwordMessage: t('account.passwordTooShort') });
		if (next !== confirm) return fail(400, { passwordMessage: t('account.passwordMismatch') });
		await setPassword(db, user.id, next);
		await invalidateUserSessions(db, user.id);
		const token = generateSessionToken();
		const session = await createSession(db, token, user.id);
		setSessionTokenCookie(event.cookies, event.url, token, session.expiresAt);
		return { passwordChanged: true };
	},
	everywhere: async (event) => {
		const user = requireUser(event);
		await invalidateUserSessions(event.locals.db, user.id);
		deleteSessionTokenCookie(event.cookies, event.url);
		redirect(303, '/account/signin');
	}
};
