/**
 * The two-step verification actions, for the fuzzer (see fuzz-routes.ts). The stress analyst and admin
 * have it on (made by makeStaff), the organizers not. The fuzzer knows no secret, so no code it sends is
 * right except by a one-in-a-million chance, which breakers (never 6 digits) rule out where it matters.
 */
import { sqlFragments, unknownIds } from './fuzz-values.ts';
import type { FormRoute } from './fuzz-routes-common.ts';

const notSixDigits = ['', '12345', '1234567', 'abcdef', '12 34 5', '１２３４５６', ...sqlFragments];

export const twoFactorRoutes: FormRoute[] = [
	// Nobody here has a sign-in halfway: both answer with a way back to the sign-in form.
	...['code', 'recovery'].map((action) => ({
		name: `POST /account/signin/code ?/${action}`,
		path: () => `/account/signin/code?/${action}`,
		fields: (): [string, string][] => [[action, action === 'code' ? '123456' : 'aaaa-bbbb']],
		alwaysHarmless: true
	})),
	{
		name: 'POST /account/two-factor ?/start',
		path: () => '/account/two-factor?/start',
		ignoresBody: true,
		// Refused to learners, and to the analyst and admin, who have it on already.
		harmlessFor: () => ['anonymous', 'learner', 'analyst', 'admin']
	},
	{
		// No one has an enrolment begun: nothing to confirm.
		name: 'POST /account/two-factor ?/confirm',
		path: () => '/account/two-factor?/confirm',
		fields: () => [['code', '123456']],
		breakers: () => ({ code: notSixDigits }),
		alwaysHarmless: true
	},
	{
		name: 'POST /account/two-factor ?/recovery',
		path: () => '/account/two-factor?/recovery',
		fields: () => [['code', '123456']],
		breakers: () => ({ code: notSixDigits }),
		harmlessFor: () => ['anonymous', 'learner', 'organizerA', 'organizerB']
	},
	{
		// Organizers without it have nothing to turn off; the analyst and admin may not.
		name: 'POST /account/two-factor ?/disable',
		path: () => '/account/two-factor?/disable',
		fields: () => [['disableCode', '123456']],
		breakers: () => ({ disableCode: notSixDigits }),
		alwaysHarmless: true
	},
	{
		name: 'POST /admin/users ?/resetTwoFactor',
		path: () => '/admin/users?/resetTwoFactor',
		fields: (c) => [['user', c.adminId]],
		// The admin's own is refused (another admin resets it); unknown ids find nobody.
		breakers: (c) => ({ user: [c.adminId, ...unknownIds, ...sqlFragments] }),
		harmlessFor: () => ['anonymous', 'learner', 'organizerA', 'organizerB', 'analyst']
	}
];
