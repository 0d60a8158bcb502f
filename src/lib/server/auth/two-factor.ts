import { and, count, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { pendingSignIns, recoveryCodes, userTotp } from '../db/schema/index.ts';
import {
	generateRecoveryCodes,
	hashRecoveryCode,
	normalizeRecoveryCode
} from './recovery-codes.ts';
import { openSecret, sealSecret } from './secret-box.ts';
import { generateTotpKey, matchingStep } from './totp.ts';

/**
 * Two-step verification of one account. `key` is TOTP_KEY (totp-key.ts), passed in so that tests
 * choose it; `now` likewise.
 */
export interface TwoFactorState {
	enrolled: boolean;
	/** The secret of an enrolment begun but not yet confirmed by a code. */
	pending: Uint8Array | null;
	recoveryLeft: number;
}

export async function twoFactorState(db: Db, key: Uint8Array, userId: string) {
	const row = await db.query.userTotp.findFirst({ where: eq(userTotp.userId, userId) });
	const [left] = await db
		.select({ n: count() })
		.from(recoveryCodes)
		.where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
	return {
		enrolled: Boolean(row?.confirmedAt),
		pending: row && !row.confirmedAt ? openSecret(key, row.secret, userId) : null,
		recoveryLeft: left?.n ?? 0
	} satisfies TwoFactorState;
}

export async function hasTwoFactor(db: Db, userId: string): Promise<boolean> {
	const row = await db.query.userTotp.findFirst({
		where: and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt))
	});
	return Boolean(row);
}

/** A new secret to scan, replacing an unconfirmed one; null when two-step verification is on. */
export async function startEnrolment(
	db: Db,
	key: Uint8Array,
	userId: string,
	now = Date.now()
): Promise<Uint8Array | null> {
	const secret = generateTotpKey();
	const sealed = sealSecret(key, secret, userId);
	const stored = await db
		.insert(userTotp)
		.values({ userId, secret: sealed, createdAt: new Date(now) })
		.onConflictDoUpdate({
			target: userTotp.userId,
			set: { secret: sealed, lastStep: null, createdAt: new Date(now) },
			setWhere: isNull(userTotp.confirmedAt)
		})
		.returning({ userId: userTotp.userId });
	return stored.length ? secret : null;
}

/** Turns the scanned secret on when `code` is right for it; returns the new recovery codes. */
export async function confirmEnrolment(
	db: Db,
	key: Uint8Array,
	userId: string,
	code: string,
	now = Date.now()
): Promise<string[] | null> {
	const row = await db.query.userTotp.findFirst({
		where: and(eq(userTotp.userId, userId), isNull(userTotp.confirmedAt))
	});
	if (!row) return null;
	const step = matchingStep(openSecret(key, row.secret, userId), code, now, null);
	if (step === null) return null;
	const confirmed = await db
		.update(userTotp)
		.set({ confirmedAt: new Date(now), lastStep: step })
		.where(
			and(
				eq(userTotp.userId, userId),
				eq(userTotp.secret, row.secret),
				isNull(userTotp.confirmedAt)
			)
		)
		.returning({ userId: userTotp.userId });
	return confirmed.length ? replaceRecoveryCodes(db, userId, now) : null;
}

/**
 * Whether `code` is right now for the account's confirmed secret and of a later step than any code
 * accepted before. The step is recorded in the same statement that checks it, so two requests with
 * one code cannot both pass.
 */
export async function verifyTotp(
	db: Db,
	key: Uint8Array,
	userId: string,
	code: string,
	now = Date.now()
): Promise<boolean> {
	const row = await db.query.userTotp.findFirst({
		where: and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt))
	});
	if (!row) return false;
	const step = matchingStep(openSecret(key, row.secret, userId), code, now, row.lastStep);
	if (step === null) return false;
	const accepted = await db
		.update(userTotp)
		.set({ lastStep: step })
		.where(
			and(
				eq(userTotp.userId, userId),
				isNotNull(userTotp.confirmedAt),
				or(isNull(userTotp.lastStep), lt(userTotp.lastStep, step))
			)
		)
		.returning({ userId: userTotp.userId });
	return accepted.length > 0;
}

/** Uses one recovery code of the account: true once per code, marked used in the same statement. */
export async function useRecoveryCode(
	db: Db,
	userId: string,
	typed: FormDataEntryValue | null,
	now = Date.now()
): Promise<boolean> {
	const code = normalizeRecoveryCode(typed);
	if (!/^[a-z2-7]{16}$/.test(code)) return false;
	const used = await db
		.update(recoveryCodes)
		.set({ usedAt: new Date(now) })
		.where(
			and(
				eq(recoveryCodes.codeHash, hashRecoveryCode(code)),
				eq(recoveryCodes.userId, userId),
				isNull(recoveryCodes.usedAt)
			)
		)
		.returning({ codeHash: recoveryCodes.codeHash });
	return used.length > 0;
}

/** Ten new recovery codes; the old ones stop working. The codes are returned once, never stored. */
export async function replaceRecoveryCodes(
	db: Db,
	userId: string,
	now = Date.now()
): Promise<string[]> {
	const codes = generateRecoveryCodes();
	await db.batch([
		db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
		db.insert(recoveryCodes).values(
			codes.map((code) => ({
				codeHash: hashRecoveryCode(code),
				userId,
				createdAt: new Date(now)
			}))
		)
	]);
	return codes;
}

/** Two-step verification off: the secret, the recovery codes and any sign-in halfway are gone. */
export async function removeTwoFactor(db: Db, userId: string): Promise<void> {
	await db.batch([
		db.delete(userTotp).where(eq(userTotp.userId, userId)),
		db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
		db.delete(pendingSignIns).where(eq(pendingSignIns.userId, userId))
	]);
}
