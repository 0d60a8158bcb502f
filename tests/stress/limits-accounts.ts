/** The limit probes of accounts, run first and in this order: two-step codes, sign-in, sign-up. */
import type { LimitName } from '../../src/lib/server/limits.ts';
import { codeAt, nextCode, secretOf, stepNow, takeRecoveryCode } from '../authenticator.ts';
import { adminPassword, adminUsername, origin, scalar } from './harness.ts';
import { cookieClient, postForm, signIn as signInStaff } from './harness-people.ts';
import { minutesIn, signIn, tiny, english, type Probe } from './limits-common.ts';

export const accountProbes = {
	// First: it signs the stress admin in (which spends none of the address's failures), and leaves no
	// session behind for the probes after it to count.
	async secondFactorPerAccount(check, db) {
		const first = await signInStaff(adminUsername, adminPassword);
		await postForm('/account/signout', {}, first);
		const jar: Record<string, string> = {};
		const { client } = cookieClient(origin, jar);
		const password = await client.post('/account/signin', {
			username: adminUsername,
			password: adminPassword
		});
		check(
			password.location === '/account/signin/code',
			'secondFactorPerAccount: the right password leads to the code step'
		);
		const secret = secretOf(origin, adminUsername)!;
		const valid = [-1, 0, 1, 2].map((d) => codeAt(secret, stepNow() + d));
		const wrong = ['000000', '111111', '222222'].find((c) => !valid.includes(c))!;
		const tries = [];
		for (let i = 0; i <= tiny.secondFactorPerAccount[0]; i++)
			tries.push(await client.post('/account/signin/code?/code', { code: wrong }));
		check(
			tries.map((r) => r.status).join() === '400,400,429',
			`secondFactorPerAccount: two wrong codes answer 400, the third 429 (${tries.map((r) => r.status)})`
		);
		check(
			minutesIn(tries.at(-1)!.text) > 0 && tries.at(-1)!.text.includes('Bạn đã thử quá nhiều lần'),
			'secondFactorPerAccount: says how many minutes to wait, in Vietnamese'
		);
		jar.lang = 'en';
		const lastStep = () => scalar(db, 'SELECT last_step FROM user_totp');
		const before = await lastStep();
		const right = await client.post('/account/signin/code?/code', {
			code: await nextCode(origin, adminUsername)
		});
		check(
			right.status === 429 && right.text.includes('Too many attempts'),
			'secondFactorPerAccount: even the right code is refused, in English for a person who chose it'
		);
		const recovery = await client.post('/account/signin/code?/recovery', {
			recovery: takeRecoveryCode(origin, adminUsername)
		});
		check(recovery.status === 429, 'secondFactorPerAccount: and so is a recovery code');
		check(
			(await scalar(db, 'SELECT count(*) FROM sessions')) === 0 &&
				(await lastStep()) === before &&
				(await scalar(db, 'SELECT count(*) FROM recovery_codes WHERE used_at IS NOT NULL')) === 0,
			'secondFactorPerAccount: no session made, no code or recovery code spent'
		);
		check(
			(await scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'two-factor.limited'")) ===
				1,
			'secondFactorPerAccount: the account reaching its limit is in the audit log'
		);
	},
	async signInPerAccount(check, db) {
		const tries = [];
		for (let i = 0; i <= tiny.signInPerAccount[0]; i++)
			tries.push(await signIn('probe-account', 'wrong'));
		check(
			tries.map((r) => r.status).join() === '400,400,429',
			`signInPerAccount: two wrong passwords answer 400, the third 429 (${tries.map((r) => r.status)})`
		);
		const text = await tries.at(-1)!.text();
		check(
			minutesIn(text) > 0 && text.includes('Bạn đã thử quá nhiều lần'),
			'signInPerAccount: says how many minutes to wait, in Vietnamese'
		);
		const english429 = await signIn('probe-account', 'wrong', english);
		check(
			english429.status === 429 && (await english429.text()).includes('Too many attempts'),
			'signInPerAccount: and in English for a person who chose English'
		);
		check(
			(await scalar(db, 'SELECT count(*) FROM sessions')) === 0,
			'signInPerAccount: no session made'
		);
	},
	async signInPerAddress(check) {
		// The probe above spent 2 of the address's 4 failures (a refused attempt is not counted): two
		// more accounts fail as usual, and the next account, with no failure of its own, is refused.
		const statuses = [];
		for (let i = 0; i < 3; i++) statuses.push((await signIn(`probe-address-${i}`, 'wrong')).status);
		check(
			statuses.join() === '400,400,429',
			`signInPerAddress: fresh accounts from one address: ${statuses}`
		);
		const refused = await signIn('probe-address-3', 'wrong');
		check(
			refused.status === 429 && minutesIn(await refused.text()) > 0,
			'signInPerAddress: says how many minutes to wait'
		);
	},
	async signUpPerAddress(check, db) {
		const signUp = (username: string) =>
			postForm('/account/signup', {
				username,
				password: 'a long enough password',
				confirm: 'a long enough password',
				next: '/'
			});
		const statuses = [];
		for (let i = 0; i <= tiny.signUpPerAddress[0]; i++)
			statuses.push((await signUp(`probe-new-${i}`)).status);
		check(
			statuses.join() === '303,303,429',
			`signUpPerAddress: two sign-ups, then 429 (${statuses})`
		);
		check(
			(await scalar(db, "SELECT count(*) FROM users WHERE username = 'probe-new-2'")) === 0,
			'signUpPerAddress: the refused account is not made'
		);
	}
} satisfies Partial<Record<LimitName, Probe>>;
