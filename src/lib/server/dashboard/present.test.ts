import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCatalogue } from '../content/catalogue';
import { validCourse } from '../content/fixture.test-helper';
import { testDatabase } from '../db/test-db.test-helper';
import { createLearner } from '../learner';
import { by } from '../reach/counted.test-helper';
import { recordEvent } from '../reach/record';
import { catchUp } from '../reach/step';
import { reachFigures } from './figures';
import type { RawArea } from './metrics';
import { presentProvince } from './present';

const base = (users: number) => ({ users, year: 2026, source: 'test', isDemo: true });
const area = (id: string, reached: number, skilled = 0, users = 100): RawArea => ({
	id,
	name: id.toUpperCase(),
	reached,
	skilled,
	inPersonVerified: 0,
	selfReported: 0,
	baseline: base(users)
});

describe('the province, its districts and units, hidden together', () => {
	it('hides reach % and the gaps of an area whose count is hidden; the province shows its own', () => {
		const units = [
			{ ...area('a', 5), district: '1' },
			{ ...area('b', 50, 12), district: '1' },
			{ ...area('c', 70, 30), district: '2' }
		];
		const districts = [
			{ ...area('district:1', 55, 12), code: '1' },
			{ ...area('district:2', 70, 30), code: '2' }
		];
		const shown = presentProvince(area('province', 121, 42, 300), districts, units, '2026-11-26');
		const [a, b, c] = shown.units;
		expect([a!.reached, a!.reachPct, a!.targets[1]!.gap, a!.targets[1]!.hidden]).toEqual([
			null,
			null,
			null,
			true
		]);
		// b goes with a (district 1 minus b would be a); the province counts distinct people itself.
		// b's 12 skilled would be shown on their own, but not beside a hidden count of its learners.
		expect([b!.reached, b!.reachPct, b!.skilled, c!.reached]).toEqual([null, null, null, 70]);
		expect(shown.districts[0]!.skilled).toBe(12);
		expect([shown.headline.reached, shown.headline.skilled, shown.headline.reachPct]).toEqual([
			121, 42, 40.3
		]);
		expect(presentProvince(area('province', 5), [], [], '2026-11-26').headline.reached).toBeNull();
	});
});

describe("a district's own pages", () => {
	let database: Awaited<ReturnType<typeof testDatabase>>;
	beforeEach(async () => {
		database = await testDatabase();
	});
	afterEach(() => database.cleanup());

	const catalogue = buildCatalogue(validCourse('demo')).catalogue;
	const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
	async function learners(district: string, n: number) {
		for (let i = 0; i < n; i++) {
			const regionId = `dong-thap-2022:${district}`;
			// Yesterday: the figures count up to the last complete day.
			const { id } = await createLearner(database.db, regionId, null, null, daysAgo(2));
			await recordEvent(database.db, catalogue, by(id, regionId), {
				id: crypto.randomUUID(),
				type: 'lesson_completed',
				course: 'demo',
				lesson: 'first',
				occurredAt: daysAgo(1)
			});
		}
	}
	const figures = (scope: string) =>
		reachFigures(database.db, {
			scope,
			locale: 'vi',
			names: { province: 'Tỉnh', unknownCommune: (d) => `? ${d}` }
		});

	it('hide what the province hides of them, their headline included', async () => {
		await learners('866', 4);
		await learners('867', 15);
		await learners('868', 30);
		await catchUp(database.db, 1_000);
		const province = await figures('province');
		const reachedOf = (code: string) => province.districts.find((d) => d.code === code)!.reached;
		// 4 is too few, and 15 goes with it: the province's 49 minus 30 would give the pair, not one.
		expect(['866', '867', '868'].map(reachedOf)).toEqual([null, null, 30]);
		expect(province.headline.reached).toBe(49);
		// Sa Đéc's own dashboard and annual report (its scope) show no more than the province's did.
		const own = await figures('district:867');
		expect([own.headline.reached, own.units.map((u) => u.reached)]).toEqual([null, [null]]);
		expect(own.districts.map((d) => d.reached)).toEqual([null]);
		expect((await figures('district:868')).headline.reached).toBe(30);
	});
});
