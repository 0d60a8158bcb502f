import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from './db/test-db.test-helper';
import { rateLimits } from './db/schema';
import {
	check,
	clearLimit,
	configuredLimits,
	hit,
	limitEventBatch,
	limitNames,
	limits,
	pruneLimits
} from './limits';

let database: Awaited<ReturnType<typeof testDatabase>>;
beforeEach(async () => {
	database = await testDatabase();
});
afterEach(() => database.cleanup());

describe('limits in the database', () => {
	// signInPerAccount: 5 hits in 15 minutes.
	const { max, windowMs } = limits.signInPerAccount;

	it('allows max hits in a window, then refuses with the seconds left', async () => {
		const t = 1_000_000;
		const results = [];
		for (let i = 0; i <= max; i++)
			results.push(await hit(database.db, 'signInPerAccount', 'k', t + i * 1000));
		expect(results.map((r) => r.allowed)).toEqual([...Array(max).fill(true), false]);
		expect(results[max]?.retryAfterS).toBe(windowMs / 1000 - max);
		expect((await check(database.db, 'signInPerAccount', 'k', t + 10_000)).allowed).toBe(false);
		expect((await check(database.db, 'signInPerAccount', 'other', t + 10_000)).allowed).toBe(true);
		// The same subject under another limit is another counter.
		expect((await check(database.db, 'signInPerAddress', 'k', t + 10_000)).allowed).toBe(true);
	});

	it('starts a new window once the old one is over, and can be cleared', async () => {
		const t = 2_000_000;
		for (let i = 0; i < max; i++) await hit(database.db, 'signInPerAccount', 'k', t);
		expect((await check(database.db, 'signInPerAccount', 'k', t + 1)).allowed).toBe(false);
		expect((await check(database.db, 'signInPerAccount', 'k', t + windowMs + 1)).allowed).toBe(
			true
		);
		expect((await hit(database.db, 'signInPerAccount', 'k', t + windowMs + 1)).allowed).toBe(true);
		await clearLimit(database.db, 'signInPerAccount', 'k');
		expect(await database.db.select().from(rateLimits)).toEqual([]);
	});

	it('counts every concurrent hit exactly once (one atomic upsert each)', async () => {
		const t = 3_000_000;
		const results = await Promise.all(
			Array.from({ length: 10 }, () => hit(database.db, 'signInPerAccount', 'burst', t))
		);
		expect(results.filter((r) => r.allowed)).toHaveLength(max);
	});

	it('drops counters whose longest window is over, and keeps live ones', async () => {
		const now = 50_000_000;
		const longest = Math.max(...Object.values(limits).map((l) => l.windowMs));
		await hit(database.db, 'signUpPerAddress', 'old', now - longest - 1);
		await hit(database.db, 'signUpPerAddress', 'live', now - 60_000);
		await pruneLimits(database.db, now);
		const keys = (await database.db.select().from(rateLimits)).map((r) => r.key);
		expect(keys).toEqual(['signUpPerAddress:live']);
	});
});

describe('event batch limits (in memory)', () => {
	const t = ((key: string) => key) as unknown as App.Locals['t'];
	const locals = () => ({ t, db: database.db });

	it('lets an outbox catching up (100 events a batch, one batch every 2 s) through', async () => {
		const start = 10_000_000;
		for (let i = 0; i < 300; i++) {
			expect(
				await limitEventBatch(locals(), 'learner-steady', 'addr-steady', start + i * 2000)
			).toBeNull();
		}
	});

	it('answers 429 with Retry-After and a localized message past the per-learner limit', async () => {
		const start = 20_000_000;
		for (let i = 0; i < limits.eventsPerLearner.max; i++) {
			expect(await limitEventBatch(locals(), 'learner-flood', `addr-${i}`, start)).toBeNull();
		}
		const refused = await limitEventBatch(locals(), 'learner-flood', 'addr-x', start + 15_000);
		expect(refused?.status).toBe(429);
		expect(refused?.headers.get('retry-after')).toBe(
			String(limits.eventsPerLearner.windowMs / 1000 - 15)
		);
		expect(await refused?.json()).toEqual({ message: 'error.event.tooMany' });
		expect(
			await limitEventBatch(
				locals(),
				'learner-flood',
				'addr-x',
				start + limits.eventsPerLearner.windowMs
			)
		).toBeNull();
	});

	it('limits one address across many learners', async () => {
		const start = 30_000_000;
		const answers = [];
		for (let i = 0; i <= limits.eventsPerAddress.max; i++) {
			answers.push(await limitEventBatch(locals(), `learner-${i}`, 'addr-shared', start));
		}
		expect(answers.filter((a) => a === null)).toHaveLength(limits.eventsPerAddress.max);
		expect(answers.at(-1)?.status).toBe(429);
	});

	it('writes nothing to the database', async () => {
		await limitEventBatch(locals(), 'learner-quiet', 'addr-quiet');
		expect(await database.db.select().from(rateLimits)).toEqual([]);
	});
});

describe('RATE_LIMITS', () => {
	it('overrides any limit by name, in batches a window of seconds, and keeps the rest', () => {
		const set = configuredLimits('eventsPerAddress=5000/60, signUpPerAddress=2/3600');
		expect(set.eventsPerAddress).toEqual({ max: 5000, windowMs: 60_000, store: 'memory' });
		expect(set.signUpPerAddress).toEqual({ max: 2, windowMs: 3_600_000, store: 'database' });
		expect(set.signInPerAccount).toEqual(limits.signInPerAccount);
		expect(Object.keys(set)).toEqual(limitNames);
	});

	it('refuses a malformed value whole, naming the limits there are', () => {
		for (const bad of ['nope=1/1', 'signUpPerAddress=0/60', 'signUpPerAddress=5', 'x']) {
			expect(() => configuredLimits(bad), bad).toThrow(/RATE_LIMITS: .*signInPerAccount/);
		}
	});
});
