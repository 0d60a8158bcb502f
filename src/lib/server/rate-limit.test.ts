import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from './db/test-db.test-helper';
import { rateLimits } from './db/schema';
import {
	clearLimit,
	hit,
	hitInMemory,
	isLimited,
	limitEventBatch,
	limits,
	pruneLimits
} from './rate-limit';

const limit = { max: 3, windowMs: 60_000 };
let database: Awaited<ReturnType<typeof testDatabase>>;
beforeEach(async () => {
	database = await testDatabase();
});
afterEach(() => database.cleanup());

describe('rate limits', () => {
	it('allows max hits in a window, then refuses with the seconds left', async () => {
		const t = 1_000_000;
		const results = [];
		for (let i = 0; i < 4; i++) results.push(await hit(database.db, 'k', limit, t + i * 1000));
		expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
		expect(results[3]?.retryAfterS).toBe(57);
		expect(await isLimited(database.db, 'k', limit, t + 5000)).toBe(true);
		expect(await isLimited(database.db, 'other', limit, t + 5000)).toBe(false);
	});

	it('starts a new window once the old one is over, and can be cleared', async () => {
		const t = 2_000_000;
		for (let i = 0; i < 3; i++) await hit(database.db, 'k', limit, t);
		expect(await isLimited(database.db, 'k', limit, t + limit.windowMs + 1)).toBe(false);
		expect((await hit(database.db, 'k', limit, t + limit.windowMs + 1)).allowed).toBe(true);
		await clearLimit(database.db, 'k');
		expect(await isLimited(database.db, 'k', limit, t + limit.windowMs + 2)).toBe(false);
	});

	it('counts every concurrent hit exactly once (one atomic upsert each)', async () => {
		const t = 3_000_000;
		const results = await Promise.all(
			Array.from({ length: 10 }, () => hit(database.db, 'burst', limit, t))
		);
		expect(results.filter((r) => r.allowed)).toHaveLength(3);
	});
});

describe('event batch limits (in memory)', () => {
	const t = ((key: string) => key) as unknown as App.Locals['t'];

	it('lets an outbox catching up (100 events a batch, one batch every 2 s) through', () => {
		const start = 10_000_000;
		for (let i = 0; i < 300; i++) {
			expect(limitEventBatch({ t }, 'learner-steady', 'addr-steady', start + i * 2000)).toBeNull();
		}
	});

	it('answers 429 with Retry-After and a localized message past the per-learner limit', async () => {
		const start = 20_000_000;
		for (let i = 0; i < limits.eventsPerLearner.max; i++) {
			expect(limitEventBatch({ t }, 'learner-flood', `addr-${i}`, start)).toBeNull();
		}
		const refused = limitEventBatch({ t }, 'learner-flood', 'addr-x', start + 15_000);
		expect(refused?.status).toBe(429);
		expect(refused?.headers.get('retry-after')).toBe('45');
		expect(await refused?.json()).toEqual({ message: 'error.event.tooMany' });
		expect(limitEventBatch({ t }, 'learner-flood', 'addr-x', start + 60_000)).toBeNull();
	});

	it('limits one address across many learners', () => {
		const start = 30_000_000;
		const answers = Array.from({ length: limits.eventsPerAddress.max + 1 }, (_, i) =>
			limitEventBatch({ t }, `learner-${i}`, 'addr-shared', start)
		);
		expect(answers.filter((a) => a === null)).toHaveLength(limits.eventsPerAddress.max);
		expect(answers.at(-1)?.status).toBe(429);
	});

	it('forgets finished windows', () => {
		const limit = { max: 1, windowMs: 1000 };
		expect(hitInMemory('sweep', limit, 40_000_000).allowed).toBe(true);
		expect(hitInMemory('sweep', limit, 40_000_500).allowed).toBe(false);
		expect(hitInMemory('sweep', limit, 40_001_000).allowed).toBe(true);
	});
});

describe('pruning', () => {
	it('drops counters whose longest window is over, and keeps live ones', async () => {
		const now = 50_000_000;
		await hit(database.db, 'old', limits.signUpPerAddress, now - 2 * 60 * 60_000);
		await hit(database.db, 'live', limits.signUpPerAddress, now - 60_000);
		await pruneLimits(database.db, now);
		const keys = (await database.db.select().from(rateLimits)).map((r) => r.key);
		expect(keys).toEqual(['live']);
	});
});
