import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { audit } from '$lib/server/audit';
import { requireUser, twoFactorRequired } from '$lib/server/auth/access';
import { setSessionTokenCookie } from '$lib/server/auth/cookies';
import { limitedSecondStep, orNull } from '$lib/server/auth/second-step';
import {
	createSession,
	generateSessionToken,
	invalidateUserSessions
} from '$lib/server/auth/session';
import { homeOf } from '$lib/server/auth/sign-in';
import { keyUri, secretInGroups, typedCode } from '$lib/server/auth/totp';
import { totpKey } from '$lib/server/auth/totp-key';
import {
	confirmEnrolment,
	removeTwoFactor,
	replaceRecoveryCodes,
	startEnrolment,
	twoFactorState,
	verifyTotp
} from '$lib/server/auth/two-factor';
import { qrSvg } from '$lib/server/qr';
import type { Actions, PageServerLoad } from './$types';

/** Staff only: a learner's account holds nothing but their own progress. */
function requireStaff(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const user = requireUser(event);
	if (user.role === 'learner') error(403, event.locals.t('error.forbidden'));
	return user;
}

export const load: PageServerLoad = async (event) => {
	const user = requireStaff(event);
	const { pending, ...state } = await twoFactorState(event.locals.db, totpKey(), user.id);
	const uri = pending && keyUri(user.username, pending);
	return {
		...state,
		required: twoFactorRequired(user.role),
		home: homeOf(user.role),
		setup: pending && uri && { qr: await qrSvg(uri), uri, secret: secretInGroups(pending) }
	};
};

/** A 6-digit code of the account's own authenticator, under the limit of wrong answers. */
async function checkCode(
	event: RequestEvent,
	user: ReturnType<typeof requireStaff>,
	field: 'code' | 'disableCode'
) {
	const { db, t } = event.locals;
	const code = typedCode((await event.request.formData()).get(field));
	return limitedSecondStep(db, t, user, t('twoFactor.wrongCode'), () =>
		orNull(verifyTotp(db, totpKey(), user.id, code))
	);
}

export const actions: Actions = {
	start: async (event) => {
		const user = requireStaff(event);
		if (!(await startEnrolment(event.locals.db, totpKey(), user.id)))
			return fail(400, { message: event.locals.t('twoFactor.alreadyOn') });
		return { started: true };
	},
	/**
	 * The scanned secret turns on with a right code. Every other session of the account ends (they never
	 * passed a second step) and this browser gets a new one; the recovery codes are shown this once.
	 */
	confirm: async (event) => {
		const user = requireStaff(event);
		const { db, t } = event.locals;
		const code = typedCode((await event.request.formData()).get('code'));
		const confirmed = await limitedSecondStep(db, t, user, t('twoFactor.wrongCode'), () =>
			confirmEnrolment(db, totpKey(), user.id, code)
		);
		if ('refused' in confirmed)
			return fail(confirmed.refused.status, { message: confirmed.refused.message });
		await invalidateUserSessions(db, user.id);
		const token = generateSessionToken();
		const session = await createSession(db, token, user.id);
		setSessionTokenCookie(event.cookies, event.url, token, session.expiresAt);
		await audit(db, user, 'two-factor.enrolled', user.id);
		return { recoveryCodes: confirmed.value };
	},
	/** New recovery codes (the old stop working), for the holder of the authenticator only. */
	recovery: async (event) => {
		const user = requireStaff(event);
		const checked = await checkCode(event, user, 'code');
		if ('refused' in checked)
			return fail(checked.refused.status, { message: checked.refused.message });
		const recoveryCodes = await replaceRecoveryCodes(event.locals.db, user.id);
		await audit(event.locals.db, user, 'two-factor.recovery-replaced', user.id);
		return { recoveryCodes };
	},
	/** Organizers may turn it off again; admins and analysts only get it reset by another admin. */
	disable: async (event) => {
		const user = requireStaff(event);
		if (twoFactorRequired(user.role)) error(403, event.locals.t('twoFactor.cannotDisable'));
		const checked = await checkCode(event, user, 'disableCode');
		if ('refused' in checked)
			return fail(checked.refused.status, { message: checked.refused.message });
		await removeTwoFactor(event.locals.db, user.id);
		await audit(event.locals.db, user, 'two-factor.disabled', user.id);
		return { disabled: true };
	}
};
