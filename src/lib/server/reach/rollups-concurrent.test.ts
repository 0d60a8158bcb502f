import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildCatalogue } from '../content/catalogue';
import { validCourse } from '../content/fixture.test-helper';
import { openDatabase } from '../db/client';
import { testDatabase } from '../db/test-db.test-helper';
import { createLearner } from '../learner';
import { recordEvents, type EventInput } from './record';
import { catchUp, rollupStep, syncLessonTags, verifyRollups } from './rollups';

/**
 * Several app processes on one libSQL server each run the background step. Two steps can read the same
 * watermark and fold the same range: the second must find everything already counted (tests/remote runs
 * this with two real processes on sqld).
 */
const catalogue = buildCatalogue(validCourse()).catalogue;
let database: Awaited<ReturnType<typeof testDatabase>>;

beforeEach(async () => {
	database = await testDatabase();
	await syncLessonTags(database.db, catalogue);
});
afterEach(() => database.cleanup());

async function learnSome(days: number[]): Promise<void> {
	for (const [i, day] of days.entries()) {
		const regionId = `dong-thap-2022:${866 + (i % 3)}`;
		const { id } = await createLearner(database.db, regionId, null);
		const events: EventInput[] = [day, day - 40, day + 3].map((d, j) => ({
			id: crypto.randomUUID(),
			type: j % 2 ? 'quiz_submitted' : 'lesson_completed',
			course: 'demo',
			lesson: 'first',
			occurredAt: new Date(Date.UTC(2026, 0, 1) + d * 86_400_000),
			...(j % 2 ? { answers: { call: ['b'], signs: ['a', 'b'], otp: ['a'] } } : {})
		})) as EventInput[];
		await recordEvents(database.db, catalogue, { learnerId: id, regionId }, events);
	}
}

const monthly = () =>
	database.db.all(sql`SELECT * FROM reach_monthly WHERE learners <> 0 ORDER BY 1, 2, 3, 4, 5`);

describe('rollup steps of several processes', () => {
	it('count nothing twice when a step folds a range another step already folded', async () => {
		await learnSome([50, 10, 90, 120, 60]);
		expect(await rollupStep(database.db)).toBe(15);
		const once = await monthly();
		// The second process read the old watermark before the first committed: it folds the same range.
		await database.db.run(sql`UPDATE rollup_state SET last_rowid = 0`);
		expect(await rollupStep(database.db)).toBe(15);
		expect(await monthly()).toEqual(once);
		const v = await verifyRollups(database.db);
		expect(v.firstsWrong + v.monthlyWrong, JSON.stringify(v)).toBe(0);
	});

	it('equal a recomputation when two connections catch up at the same time', async () => {
		const other = await openDatabase(database.url);
		try {
			await learnSome([5, 80, 33]);
			const first = Promise.all([catchUp(database.db), catchUp(other.db)]);
			await learnSome([2, 70]);
			await first;
			await Promise.all([catchUp(other.db), catchUp(database.db)]);
			const v = await verifyRollups(database.db);
			expect(v.firstsWrong + v.monthlyWrong, JSON.stringify(v)).toBe(0);
			expect(v.firstsChecked).toBeGreaterThan(0);
		} finally {
			other.client.close();
		}
	});
});
