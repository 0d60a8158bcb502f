import { json } from '@sveltejs/kit';
import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from './db/client.ts';
import { rateLimits } from './db/schema/index.ts';

export interface Limit {
	/** How many hits a window allows. */
	max: number;
	windowMs: number;
	/**
	 * Where hits are counted: the database, shared by every app instance; or this process's memory,
	 * for the event endpoint only (its hottest write path: two more commits per batch would cost ingest
	 * more than the limit saves; with several instances each counts apart, which only loosens it).
	 */
	store: 'database' | 'memory';
}

const minutes = (n: number) => n * 60_000;

/**
 * Every limit the platform applies, by name. Per-address limits are loose on purpose: mobile carriers
 * put many subscribers behind one address (carrier-grade NAT), and a commune hall shares one Wi-Fi.
 * Per-account limits are the tight ones. `RATE_LIMITS` changes any of them without a rebuild (test
 * servers set their own): `RATE_LIMITS='eventsPerAddress=5000/60,signUpPerAddress=100/3600'`, a
 * maximum and a window in seconds.
 */
const defaults = {
	signInPerAccount: { max: 5, windowMs: minutes(15), store: 'database' },
	signInPerAddress: { max: 50, windowMs: minutes(15), store: 'database' },
	signUpPerAddress: { max: 30, windowMs: minutes(60), store: 'database' },
	/**
	 * New learners (browsers starting to learn) from one address. Beyond the first, the learners are
	 * still made, but their learning is held for review (`learner/admit.ts`): a commune hall of 100
	 * phones on one Wi-Fi counts once its people check in, a script's thousands never do unseen. Beyond
	 * the second, a plain refusal: no honest address makes that many in an hour.
	 */
	unheldLearnersPerAddress: { max: 20, windowMs: minutes(60), store: 'database' },
	learnersPerAddress: { max: 600, windowMs: minutes(60), store: 'database' },
	/** New learners in one unit in a day before a burst is held (or 5 × the unit's daily average, if more). */
	newLearnersPerUnitDay: { max: 50, windowMs: minutes(24 * 60), store: 'database' },
	/**
	 * Changes of a learner's place (a commune or ward) in a year. A person counts in one place a year
	 * whatever they choose (`reach/definition.ts`); this keeps a cookie from wandering the province.
	 */
	placeChangesPerLearner: { max: 4, windowMs: minutes(365 * 24 * 60), store: 'database' },
	/** Wrong join or check-in codes: 40 random bits stay out of reach at 30 misses per 15 minutes. */
	joinMissesPerAddress: { max: 30, windowMs: minutes(15), store: 'database' },
	/**
	 * Event batches (up to 100 events each). An outbox catching up after days offline sends a batch every
	 * second or two; 120 a minute is 12,000 events, more than any person produces. The per-address figure
	 * lets a commune hall of 100 phones all sync at once.
	 */
	eventsPerLearner: { max: 120, windowMs: minutes(1), store: 'memory' },
	eventsPerAddress: { max: 1200, windowMs: minutes(1), store: 'memory' }
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof defaults;
export const limitNames = Object.keys(defaults) as LimitName[];

/** The defaults with the overrides of a `RATE_LIMITS` value; a malformed value is refused whole. */
export function configuredLimits(spec = ''): Record<LimitName, Limit> {
	const out: Record<LimitName, Limit> = { ...defaults };
	for (const part of spec
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean)) {
		const m = /^([A-Za-z]+)=(\d{1,9})\/(\d{1,8})$/.exec(part);
		const name = m?.[1] as LimitName | undefined;
		if (!m || !name || !(name in defaults) || Number(m[2]) < 1 || Number(m[3]) < 1) {
			throw new Error(
				`RATE_LIMITS: cannot read "${part}"; write name=max/seconds with a name among ${limitNames.join(', ')}`
			);
		}
		out[name] = { ...defaults[name], max: Number(m[2]), windowMs: Number(m[3]) * 1000 };
	}
	return out;
}

export const limits = configuredLimits(process.env.RATE_LIMITS);

export interface Verdict {
	allowed: boolean;
	/** Hits counted in the window so far (this one included). */
	count: number;
	/** Seconds until the window ends (for Retry-After and "try again in N minutes"). */
	retryAfterS: number;
}

const memory = new Map<string, { until: number; count: number }>();
let lastSweep = 0;

function hitMemory(key: string, limit: Limit, now: number, count: boolean): Verdict {
	if (now - lastSweep > 60_000) {
		for (const [k, entry] of memory) if (entry.until <= now) memory.delete(k);
		lastSweep = now;
	}
	let entry = memory.get(key);
	if (!entry || entry.until <= now) {
		if (!count) return { allowed: true, count: 0, retryAfterS: 0 };
		entry = { until: now + limit.windowMs, count: 0 };
		memory.set(key, entry);
	}
	if (count) entry.count += 1;
	const allowed = count ? entry.count <= limit.max : entry.count < limit.max;
	return { allowed, count: entry.count, retryAfterS: Math.ceil((entry.until - now) / 1000) };
}

/**
 * Counts one hit of `name` for a subject (an address, an account, a learner) and says whether it was
 * within the limit. In the database: fixed windows, one atomic upsert per hit.
 */
export async function hit(
	db: Db,
	name: LimitName,
	subject: string,
	now = Date.now()
): Promise<Verdict> {
	const limit = limits[name];
	const key = `${name}:${subject}`;
	if (limit.store === 'memory') return hitMemory(key, limit, now, true);
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
	const start = row?.windowStart ?? now;
	return {
		allowed: (row?.count ?? 1) <= limit.max,
		count: row?.count ?? 1,
		retryAfterS: Math.ceil((start + limit.windowMs - now) / 1000)
	};
}

/** Whether a subject is already at its limit (the next hit would be refused), without counting. */
export async function check(
	db: Db,
	name: LimitName,
	subject: string,
	now = Date.now()
): Promise<Verdict> {
	const limit = limits[name];
	const key = `${name}:${subject}`;
	if (limit.store === 'memory') return hitMemory(key, limit, now, false);
	const row = await db.query.rateLimits.findFirst({ where: eq(rateLimits.key, key) });
	if (!row || row.windowStart <= now - limit.windowMs)
		return { allowed: true, count: 0, retryAfterS: 0 };
	return {
		allowed: row.count < limit.max,
		count: row.count,
		retryAfterS: Math.ceil((row.windowStart + limit.windowMs - now) / 1000)
	};
}

export async function clearLimit(db: Db, name: LimitName, subject: string): Promise<void> {
	memory.delete(`${name}:${subject}`);
	await db.delete(rateLimits).where(eq(rateLimits.key, `${name}:${subject}`));
}

/** Whole minutes to wait, for messages ("try again in N minutes"). */
export const minutesLeft = (v: Verdict) => Math.max(1, Math.ceil(v.retryAfterS / 60));

/**
 * Counts one event batch for the learner and for the address. Over either limit it answers 429 with
 * Retry-After, so a well-behaved outbox waits and sends the same batch again (ingest is idempotent).
 */
export async function limitEventBatch(
	// The request's locals, not their `t`: reading `t` makes the request's i18next instance, which a
	// batch that is let through never needs.
	locals: Pick<App.Locals, 't' | 'db'>,
	learnerId: string,
	address: string,
	now = Date.now()
): Promise<Response | null> {
	const verdicts = [
		await hit(locals.db, 'eventsPerLearner', learnerId, now),
		await hit(locals.db, 'eventsPerAddress', address, now)
	];
	if (verdicts.every((v) => v.allowed)) return null;
	const retryAfterS = Math.max(1, ...verdicts.filter((v) => !v.allowed).map((v) => v.retryAfterS));
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
