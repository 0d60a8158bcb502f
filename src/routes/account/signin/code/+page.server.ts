import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { audit } from '$lib/server/audit';
import {
	endPendingSignIn,
	findPendingSignIn,
	pendingCookie
} from '$lib/server/auth/pending-sign-in';
import { limitedSecondStep, orNull } from '$lib/server/auth/second-step';
import { homeOf, startSession } from '$lib/server/auth/sign-in';
import { typedCode } from '$lib/server/auth/totp';
import { totpKey } from '$lib/server/auth/totp-key';
import { twoFactorState, useRecoveryCode, verifyTotp } from '$lib/server/auth/two-factor';
import { users } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

/** The second step of signing in: only a browser that passed the password step has a sign-in here. */
export const load: PageServerLoad = async ({ locals, cookies }) => {
	if (locals.user) redirect(303, homeOf(locals.user.role));
	if (!(await findPendingSignIn(locals.db, cookies.get(pendingCookie))))
		redirect(303, '/account/signin');
	return {};
};

/** A right answer ends the sign-in halfway and starts the session; a wrong one counts against the limit. */
async function secondStep(event: RequestEvent, kind: 'code' | 'recovery') {
	const { db, t } = event.locals;
	const pending = await findPendingSignIn(db, event.cookies.get(pendingCookie));
	if (!pending) redirect(303, '/account/signin');
	const user = await db.query.users.findFirst({ where: eq(users.id, pending.userId) });
	if (!user) redirect(303, '/account/signin');
	const form = await event.request.formData();
	const answered = await limitedSecondStep(
		db,
		t,
		user,
		t(kind === 'code' ? 'twoFactor.wrongCode' : 'twoFactor.wrongRecovery'),
		() =>
			orNull(
				kind === 'code'
					? verifyTotp(db, totpKey(), user.id, typedCode(form.get('code')))
					: useRecoveryCode(db, user.id, form.get('recovery'))
			)
	);
	if ('refused' in answered)
		return fail(answered.refused.status, { kind, message: answered.refused.message });
	await endPendingSignIn(db, event.cookies, event.url, pending.id);
	if (kind === 'recovery') {
		const { recoveryLeft } = await twoFactorState(db, totpKey(), user.id);
		await audit(db, user, 'two-factor.recovery-used', user.id, { left: recoveryLeft });
	}
	await startSession(db, event.cookies, event.url, user.id);
	redirect(303, pending.next);
}

export const actions: Actions = {
	code: (event) => secondStep(event, 'code'),
	recovery: (event) => secondStep(event, 'recovery')
};
