import { generateHOTP } from '@oslojs/otp';
import type { Cookies } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recoveryCodes, userTotp } from '../db/schema';
import { testDatabase } from '../db/test-db.test-helper';
import { findPendingSignIn, pendingCookie, startPendingSignIn } from './pending-sign-in';
import { createSession, generateSessionToken, validateSessionToken } from './session';
import { stepAt } from './totp';
import {
	confirmEnrolment,
	hasTwoFactor,
	removeTwoFactor,
	replaceRecoveryCodes,
	startEnrolment,
	twoFactorState,
	useRecoveryCode,
	verifyTotp
} from './two-factor';
import { createUser } from './users';

const key = crypto.getRandomValues(new Uint8Array(32));
const now = Date.UTC(2026, 11, 1, 3, 0, 10);
const codeAt = (secret: Uint8Array, at: number) => generateHOTP(secret, BigInt(stepAt(at)), 6);
let database: Awaited<ReturnType<typeof testDatabase>>;
let userId: string;
beforeEach(async () => {
	database = await testDatabase();
	userId = (await createUser(database.db, {
		username: 'admin.dt',
		password: 'a long enough password',
		role: 'admin'
	}))!.id;
});
afterEach(() => database.cleanup());

/** Enrols the account at `now`; returns its secret and recovery codes. */
async function enrolled() {
	const secret = (await startEnrolment(database.db, key, userId, now))!;
	const codes = (await confirmEnrolment(database.db, key, userId, codeAt(secret, now), now))!;
	return { secret, codes };
}

describe('enrolment', () => {
	it('turns on only with a right code for the scanned secret, which is stored sealed', async () => {
		const secret = (await startEnrolment(database.db, key, userId, now))!;
		expect((await twoFactorState(database.db, key, userId)).pending).toEqual(secret);
		expect(await hasTwoFactor(database.db, userId)).toBe(false);
		const wrong = codeAt(secret, now + 120_000);
		expect(await confirmEnrolment(database.db, key, userId, wrong, now)).toBeNull();
		const codes = await confirmEnrolment(database.db, key, userId, codeAt(secret, now), now);
		expect(codes).toHaveLength(10);
		expect(await hasTwoFactor(database.db, userId)).toBe(true);
		expect(await twoFactorState(database.db, key, userId)).toEqual({
			enrolled: true,
			pending: null,
			recoveryLeft: 10
		});
		const [row] = await database.db.select().from(userTotp);
		expect(row!.secret).not.toContain(Buffer.from(secret).toString('base64url'));
		expect(await startEnrolment(database.db, key, userId, now)).toBeNull();
	});

	it('shows in the session: an enrolled account has twoFactor true', async () => {
		const token = generateSessionToken();
		await createSession(database.db, token, userId);
		expect((await validateSessionToken(database.db, token)).user?.twoFactor).toBe(false);
		await enrolled();
		expect((await validateSessionToken(database.db, token)).user?.twoFactor).toBe(true);
	});
});

describe('codes at sign-in', () => {
	it('accepts each step once: the code that confirmed enrolment is not accepted again', async () => {
		const { secret } = await enrolled();
		expect(await verifyTotp(database.db, key, userId, codeAt(secret, now), now)).toBe(false);
		const later = now + 30_000;
		expect(await verifyTotp(database.db, key, userId, codeAt(secret, later), later)).toBe(true);
		expect(await verifyTotp(database.db, key, userId, codeAt(secret, later), later)).toBe(false);
		// An older step stays refused once a later one was used.
		expect(await verifyTotp(database.db, key, userId, codeAt(secret, now), later)).toBe(false);
	});

	it('lets only one of two requests with the same code through', async () => {
		const { secret } = await enrolled();
		const later = now + 60_000;
		const code = codeAt(secret, later);
		const answers = await Promise.all(
			[0, 1, 2].map(() => verifyTotp(database.db, key, userId, code, later))
		);
		expect(answers.filter(Boolean)).toHaveLength(1);
	});

	it('knows no code for an account without two-step verification', async () => {
		const secret = (await startEnrolment(database.db, key, userId, now))!;
		expect(await verifyTotp(database.db, key, userId, codeAt(secret, now), now)).toBe(false);
	});
});

describe('recovery codes', () => {
	it('work once each, are stored only as hashes, and count down', async () => {
		const { codes } = await enrolled();
		const stored = await database.db.select().from(recoveryCodes);
		expect(stored.map((r) => r.codeHash).every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
		expect(JSON.stringify(stored)).not.toContain(codes[0]!.replaceAll('-', ''));
		expect(codes[0]).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
		expect(await useRecoveryCode(database.db, userId, codes[0]!.toUpperCase())).toBe(true);
		expect(await useRecoveryCode(database.db, userId, codes[0]!)).toBe(false);
		expect(await useRecoveryCode(database.db, userId, 'aaaa-bbbb-cccc-dddd')).toBe(false);
		expect((await twoFactorState(database.db, key, userId)).recoveryLeft).toBe(9);
	});

	it('are another account’s codes for nobody else', async () => {
		const { codes } = await enrolled();
		const other = (await createUser(database.db, {
			username: 'other',
			password: 'long password x'
		}))!;
		expect(await useRecoveryCode(database.db, other.id, codes[1]!)).toBe(false);
	});

	it('stop working when new ones are made, and all go when two-step verification is removed', async () => {
		const { codes } = await enrolled();
		const fresh = await replaceRecoveryCodes(database.db, userId);
		expect(await useRecoveryCode(database.db, userId, codes[2]!)).toBe(false);
		expect(await useRecoveryCode(database.db, userId, fresh[0]!)).toBe(true);
		await removeTwoFactor(database.db, userId);
		expect(await hasTwoFactor(database.db, userId)).toBe(false);
		expect(await useRecoveryCode(database.db, userId, fresh[1]!)).toBe(false);
		expect(await database.db.select().from(userTotp)).toEqual([]);
	});
});

describe('a sign-in halfway', () => {
	it('is a hashed token in a cookie for the sign-in pages only, and expires in 5 minutes', async () => {
		const set: Record<string, { value: string; options: Record<string, unknown> }> = {};
		const cookies = {
			set: (name: string, value: string, options: Record<string, unknown>) =>
				(set[name] = { value, options })
		} as unknown as Cookies;
		await startPendingSignIn(database.db, cookies, new URL('https://x.vn/'), userId, '/admin', now);
		const { value, options } = set[pendingCookie]!;
		expect(options).toMatchObject({ path: '/account/signin', httpOnly: true, secure: true });
		expect((await findPendingSignIn(database.db, value, now + 60_000))?.next).toBe('/admin');
		expect(await findPendingSignIn(database.db, value, now + 5 * 60_000)).toBeNull();
		expect(await findPendingSignIn(database.db, 'forged', now)).toBeNull();
	});
});
