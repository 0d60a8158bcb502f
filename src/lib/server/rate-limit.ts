import { eq, sql } from 'drizzle-orm';
import type { Db } from './db/client.ts';
import { rateLimits } from './db/schema.ts';

export interface Limit {
	/** How many hits a window allows. */
	max: number;
	windowMs: number;
}

/**
 * Per-address limits are loose on purpose: mobile carriers put many subscribers behind one address
 * (carrier-grade NAT), and a commune hall shares one Wi-Fi. Per-account limits are the tight ones.
 */
export const limits = {
	signInPerAccount: { max: 5, windowMs: 15 * 60_000 },
	signInPerAddress: { max: 50, windowMs: 15 * 60_000 },
	signUpPerAddress: { max: 30, windowMs: 60 * 60_000 },
	/** Wrong join or check-in codes: 40 random bits stay out of reach at 30 misses per 15 minutes. */
	joinMissesPerAddress: { max: 30, windowMs: 15 * 60_000 }
} satisfies Record<string, Limit>;

/**
 * Fixed-window counters in the database, so every app instance shares them. `hit` counts one attempt
 * in a single atomic upsert and says whether it was within the limit.
 */
export async function hit(
	db: Db,
	key: string,
	limit: Limit,
	now = Date.now()
): Promise<{ allowed: boolean; retryAfterS: number }> {
	const fresh = now - limit.windowMs;
	const [row] = await db
		.insert(rateLimits)
		.values({ key, windowStart: now, count: 1 })
		.onConflictDoUpdate({
			target: rateLimits.key,
			set: {
				count: sql`CASE WHEN ${rateLimits.windowStart} <= ${fresh} THEN 1 ELSE ${rateLimits.count} + 1 END`,
				windowStart: sql`CASE WHEN ${rateLimits.windowStart} <= ${fresh} THEN ${now} ELSE ${rateLimits.windowStart} END`
			}
		})
		.returning();
	const count = row?.count ?? 1;
	const start = row?.windowStart ?? now;
	return {
		allowed: count <= limit.max,
		retryAfterS: Math.ceil((start + limit.windowMs - now) / 1000)
	};
}

/** Whether a key is already over its limit, without counting a hit. */
export async function isLimited(
	db: Db,
	key: string,
	limit: Limit,
	now = Date.now()
): Promise<boolean> {
	const row = await db.query.rateLimits.findFirst({ where: eq(rateLimits.key, key) });
	return !!row && row.windowStart > now - limit.windowMs && row.count >= limit.max;
}

export async function clearLimit(db: Db, key: string): Promise<void> {
	await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
