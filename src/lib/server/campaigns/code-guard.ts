import { error } from '@sveltejs/kit';
import type { Db } from '../db/client';
import { check, hit, minutesLeft } from '../limits';

/**
 * Looks up something by a code people scan or type (a campaign's join code, a session's check-in code),
 * limiting wrong codes per address. Over the limit every code is refused alike, hit or miss, so a
 * guesser learns nothing. A miss answers 404 with `unknownKey`.
 */
export async function findByGuessableCode<T>(
	locals: { db: Db; t: App.Locals['t'] },
	address: string,
	lookup: () => Promise<T | null | undefined>,
	unknownKey: string
): Promise<T> {
	const { db, t } = locals;
	const limited = await check(db, 'joinMissesPerAddress', address);
	if (!limited.allowed) error(429, t('join.tooMany', { minutes: minutesLeft(limited) }));
	const found = await lookup();
	if (found) return found;
	const attempt = await hit(db, 'joinMissesPerAddress', address);
	if (!attempt.allowed) error(429, t('join.tooMany', { minutes: minutesLeft(attempt) }));
	error(404, t(unknownKey));
}
