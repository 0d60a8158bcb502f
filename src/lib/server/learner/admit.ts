import { createHmac, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AgeBand } from '$lib/content/vocabulary';
import type { Db } from '../db/client';
import { provinceDay, provinceHour } from '../dates';
import { hit, type Verdict } from '../limits';
import { openGroup } from '../reach/holds';
import { createLearner } from './index';

/** How many times a unit's daily average of new learners makes a burst (over the limit's floor). */
const burstFactor = 5;
const historyDays = 28;

// Groups of one address are told apart by a keyed hash whose key lives only in this process and
// changes each day: nothing stored can be turned back into an address (an IPv4 hash alone could).
let key = { day: '', secret: Buffer.alloc(0) };
function addressKey(address: string, day: string): string {
	if (key.day !== day) key = { day, secret: randomBytes(32) };
	return createHmac('sha256', key.secret).update(address).digest('base64url').slice(0, 16);
}

/** The unit's average of new learners a day over the last four weeks, before today. */
async function dailyAverage(db: Db, regionId: string, now: Date): Promise<number> {
	const dayStart = Date.parse(`${provinceDay(now)}T00:00:00+07:00`);
	const [row] = (await db.all(sql`
		SELECT count(*) AS n FROM learners WHERE region_id = ${regionId}
			AND created_at >= ${dayStart - historyDays * 86_400_000} AND created_at < ${dayStart}`)) as {
		n: number;
	}[];
	return Number(row?.n ?? 0) / historyDays;
}

/**
 * Makes a learner who chose a place, as /start does: refused beyond the hard limit per address; made
 * but held for review beyond the plausible number from one address in an hour (`burst-address`), or
 * on a day a unit gets far more new learners than its own history (`burst-unit`).
 */
export async function admitLearner(
	db: Db,
	input: { regionId: string; ageBand: AgeBand | null; userId: string | null; address: string },
	now = new Date()
): Promise<{ refused: Verdict } | { token: string | null; id: string; held: boolean }> {
	const hard = await hit(db, 'learnersPerAddress', input.address, now.getTime());
	if (!hard.allowed) return { refused: hard };
	const fromAddress = await hit(db, 'unheldLearnersPerAddress', input.address, now.getTime());
	const inUnit = await hit(db, 'newLearnersPerUnitDay', input.regionId, now.getTime());
	const burstInUnit =
		!inUnit.allowed && inUnit.count > burstFactor * (await dailyAverage(db, input.regionId, now));
	const day = provinceDay(now);
	const group = !fromAddress.allowed
		? {
				reason: 'burst-address' as const,
				area: input.regionId,
				bucket: provinceHour(now),
				key: addressKey(input.address, day)
			}
		: burstInUnit
			? { reason: 'burst-unit' as const, area: input.regionId, bucket: day, key: '' }
			: null;
	const hold = group ? await openGroup(db, group, now) : null;
	if (hold?.statement) await hold.statement;
	const made = await createLearner(
		db,
		input.regionId,
		input.ageBand,
		input.userId,
		now,
		hold?.id ?? null
	);
	return { ...made, held: !!hold };
}
