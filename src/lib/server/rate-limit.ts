import { json } from '@sveltejs/kit';
import { eq, lt, sql } from 'drizzle-orm';
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
	joinMissesPerAddress: { max: 30, windowMs: 15 * 60_000 },
	/**
	 * Event batches (up to 100 events each). An outbox catching up after days offline sends a batch every
	 * second or two; 120 a minute is 12,000 events, more than any person produces. The per-address figure
	 * lets a commune hall of 100 phones all sync at once. Both can be changed without a rebuild
	 * (EVENTS_LIMIT_PER_LEARNER, EVENTS_LIMIT_PER_ADDRESS: batches a minute), e.g. for load tests from
	 * one address, or behind a proxy when ADDRESS_HEADER is not set and everyone shares its address.
	 */
	eventsPerLearner: { max: envCount('EVENTS_LIMIT_PER_LEARNER', 120), windowMs: 60_000 },
	eventsPerAddress: { max: envCount('EVENTS_LIMIT_PER_ADDRESS', 1200), windowMs: 60_000 }
} satisfies Record<string, Limit>;

function envCount(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return Number.isInteger(value) && value > 0 ? value : fallback;
}

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

/**
 * Fixed-window counters in this process's memory, for the event endpoint only. It is the hottest write
 * path: two more database writes (each its own commit) per batch would cost ingest more than the limit
 * saves. With several app instances each one counts apart, which only loosens limits this generous.
 */
const memory = new Map<string, { until: number; count: number }>();
let lastSweep = 0;

export function hitInMemory(
	key: string,
	limit: Limit,
	now = Date.now()
): { allowed: boolean; retryAfterS: number } {
	if (now - lastSweep > 60_000) {
		for (const [k, entry] of memory) if (entry.until <= now) memory.delete(k);
		lastSweep = now;
	}
	let entry = memory.get(key);
	if (!entry || entry.until <= now) {
		entry = { until: now + limit.windowMs, count: 0 };
		memory.set(key, entry);
	}
	entry.count += 1;
	return { allowed: entry.count <= limit.max, retryAfterS: Math.ceil((entry.until - now) / 1000) };
}

/**
 * Counts one event batch for the learner and for the address. Over either limit it answers 429 with
 * Retry-After, so a well-behaved outbox waits and sends the same batch again (ingest is idempotent).
 */
export function limitEventBatch(
	// The request's locals, not their `t`: reading `t` makes the request's i18next instance, which a
	// batch that is let through never needs.
	locals: Pick<App.Locals, 't'>,
	learnerId: string,
	address: string,
	now = Date.now()
): Response | null {
	const perLearner = hitInMemory(`events:learner:${learnerId}`, limits.eventsPerLearner, now);
	const perAddress = hitInMemory(`events:addr:${address}`, limits.eventsPerAddress, now);
	if (perLearner.allowed && perAddress.allowed) return null;
	const retryAfterS = Math.max(
		perLearner.allowed ? 0 : perLearner.retryAfterS,
		perAddress.allowed ? 0 : perAddress.retryAfterS,
		1
	);
	return json(
		{ message: locals.t('error.event.tooMany') },
		{ status: 429, headers: { 'retry-after': String(retryAfterS) } }
	);
}

/** Counters whose window is over count nothing any more: drop them so the table stays small. */
export async function pruneLimits(db: Db, now = Date.now()): Promise<void> {
	const longest = Math.max(...Object.values(limits).map((limit) => limit.windowMs));
	await db.delete(rateLimits).where(lt(rateLimits.windowStart, now - longest));
}
