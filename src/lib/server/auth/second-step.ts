import type { TFunction } from 'i18next';
import { audit, type Actor } from '../audit';
import type { Db } from '../db/client';
import { check, clearLimit, hit, minutesLeft } from '../limits';

export type SecondStep<T> = { value: T } | { refused: { status: 400 | 429; message: string } };

/**
 * Runs one second-step answer (a 6-digit code or a recovery code) under the account's limit of wrong
 * answers: `attempt` gives a value when the answer was right, null when not. Over the limit even a
 * right answer is refused (429, with the minutes to wait), and the wrong answer that reaches the limit
 * goes to the audit log, so that admins see an account being guessed at.
 */
export async function limitedSecondStep<T>(
	db: Db,
	t: TFunction,
	user: Actor,
	wrongMessage: string,
	attempt: () => Promise<T | null>
): Promise<SecondStep<T>> {
	const tooMany = (minutes: number) => ({
		refused: { status: 429 as const, message: t('account.tooMany', { minutes }) }
	});
	const limited = await check(db, 'secondFactorPerAccount', user.id);
	if (!limited.allowed) return tooMany(minutesLeft(limited));
	const value = await attempt();
	if (value !== null) {
		await clearLimit(db, 'secondFactorPerAccount', user.id);
		return { value };
	}
	const verdict = await hit(db, 'secondFactorPerAccount', user.id);
	// The wrong answer that uses up the window is audited, once per window.
	if (!(await check(db, 'secondFactorPerAccount', user.id)).allowed)
		await audit(db, user, 'two-factor.limited', user.id);
	if (verdict.allowed) return { refused: { status: 400, message: wrongMessage } };
	return tooMany(minutesLeft(verdict));
}

/** A check that says yes or no, as a second-step attempt. */
export const orNull = (passed: Promise<boolean>) => passed.then((ok) => (ok ? true : null));
