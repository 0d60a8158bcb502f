import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from './db/test-db.test-helper';
import { clearLimit, hit, isLimited } from './rate-limit';

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
