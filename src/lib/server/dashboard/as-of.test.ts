import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgeBand } from '$lib/content/vocabulary';
import { buildCatalogue } from '../content/catalogue';
import { validCourse } from '../content/fixture.test-helper';
import { testDatabase } from '../db/test-db.test-helper';
import { createLearner } from '../learner';
import { recordEvent } from '../reach/record';
import { syncLessonTags } from '../reach/rollups';
import { catchUp } from '../reach/step';
import { closeYear } from './close';
import { reachFigures } from './figures';
import { breakdown, rawAreas, trend } from './metrics';

const catalogue = buildCatalogue(validCourse()).catalogue;
const caoLanh = 'dong-thap-2022:866';
let database: Awaited<ReturnType<typeof testDatabase>>;

beforeEach(async () => {
	database = await testDatabase();
	await syncLessonTags(database.db, catalogue);
});
afterEach(() => database.cleanup());

/** `count` new learners in Cao Lãnh who each complete a lesson at 23:30 province time on `day`. */
async function learnersOn(day: string, count: number, ageBand: AgeBand | null = null) {
	for (let i = 0; i < count; i++) {
		const createdAt = new Date(`${day}T23:00:00+07:00`);
		const { id } = await createLearner(database.db, caoLanh, ageBand, null, createdAt);
		await recordEvent(
			database.db,
			catalogue,
			{ learnerId: id, regionId: caoLanh, createdAt, via: 'form' },
			{
				id: crypto.randomUUID(),
				type: 'lesson_completed',
				course: 'demo',
				lesson: 'first',
				occurredAt: new Date(`${day}T23:30:00+07:00`)
			}
		);
	}
	await catchUp(database.db);
}

const names = { province: 'Toàn tỉnh', unknownCommune: (d: string) => d };

describe('figures up to the end of a day', () => {
	it('leave out learners first counted after it, though the rollups are monthly', async () => {
		await learnersOn('2026-02-20', 10);
		await learnersOn('2026-03-05', 10);
		await learnersOn('2026-03-10', 10);
		await learnersOn('2026-03-11', 4);
		const [province] = await rawAreas(database.db, [{ id: 'province', name: '' }], '2026-03-10');
		expect(province!.reached).toBe(30);
		expect((await trend(database.db, 'province', 'month', '2026-03-10')).at(-1)).toEqual({
			period: '2026-03',
			reached: 30,
			skilled: 0
		});
		expect((await breakdown(database.db, 'province', 'course', '2026-03-10'))[0]!.reached).toBe(30);
		// On the 1st, the month so far holds nobody: it is not a period of the trend.
		expect(await trend(database.db, 'province', 'month', '2026-02-28')).toHaveLength(1);
		const [later] = await rawAreas(database.db, [{ id: 'province', name: '' }], '2026-03-11');
		expect(later!.reached).toBe(34);
	});

	it('give the recent pace over complete months and each passed target as it stood then', async () => {
		await learnersOn('2025-12-31', 10);
		await learnersOn('2026-01-15', 12);
		await learnersOn('2026-03-31', 18);
		await learnersOn('2026-04-02', 30);
		const f = await reachFigures(
			database.db,
			{ scope: 'province', locale: 'vi', names },
			'2026-04-02'
		);
		expect(f.headline.reached).toBe(70);
		// January to March 2026: 30 people, 10 a month; April is not complete.
		expect(f.outlook.pace).toEqual({ from: '2026-01', to: '2026-03', reached: 30, perMonth: 10 });
		expect(f.outlook.closed).toEqual([
			{
				share: 0.8,
				deadline: '2025-12-31',
				reached: 10,
				reachPct: null,
				baselineYear: null,
				met: null,
				issued: null,
				late: null
			}
		]);
		// Without a baseline there is no gap to close, so no month to reach it in.
		expect(f.outlook.projection).toEqual({ kind: 'noGap' });
	});

	it('keep a closed target at its issued figure, with those who came to it later beside it', async () => {
		await database.client.execute(
			"INSERT INTO users (id, username, password_hash, role, created_at) VALUES ('a', 'analyst', 'x', 'analyst', 0)"
		);
		await learnersOn('2025-11-20', 12);
		const closedAt = new Date('2026-01-15T10:00:00+07:00');
		const by = { id: 'a', username: 'analyst' };
		expect(await closeYear(database.db, 2025, by, names, () => closedAt)).toEqual({ closed: true });
		// Phones that were offline send their 2025 lessons after the year was closed.
		await learnersOn('2025-12-30', 10);
		const f = await reachFigures(
			database.db,
			{ scope: 'province', locale: 'vi', names },
			'2026-04-02'
		);
		expect(f.headline.reached).toBe(22);
		expect(f.outlook.closed).toMatchObject([
			{ deadline: '2025-12-31', reached: 12, issued: '2026-01-15', late: 10 }
		]);
		expect(f.late).toEqual({ year: '2025', reached: 10 });
	});
});

describe('breakdowns', () => {
	it('list age bands youngest first and the unsaid last, the others largest first', async () => {
		await learnersOn('2026-03-01', 10, '60-plus');
		await learnersOn('2026-03-01', 30, '25-39');
		await learnersOn('2026-03-01', 12);
		await learnersOn('2026-03-01', 20, '15-24');
		const ages = await breakdown(database.db, 'province', 'age', '2026-03-10');
		expect(ages.map((r) => [r.value, r.reached])).toEqual([
			['15-24', 20],
			['25-39', 30],
			['60-plus', 10],
			['unknown', 12]
		]);
	});
});
