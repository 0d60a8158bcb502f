import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { learners } from '../db/schema';
import { testDatabase } from '../db/test-db.test-helper';
import { limits } from '../limits';
import { createLearner } from './index';
import { moveLearner } from './move';

let database: Awaited<ReturnType<typeof testDatabase>>;
beforeEach(async () => {
	database = await testDatabase();
});
afterEach(() => database.cleanup());

const places = ['866', '867', '868', '869', '870', '871'].map((c) => `dong-thap-2022:${c}`);
const placeOf = async (id: string) =>
	(await database.db.query.learners.findFirst({ where: eq(learners.id, id) }))!.regionId;

describe('how often a learner can change place', () => {
	it('allows a few moves a year, then refuses and changes nothing, and never counts staying', async () => {
		const { id } = await createLearner(database.db, places[0]!, null, null);
		const max = limits.placeChangesPerLearner.max;
		const now = Date.UTC(2026, 5, 1);
		let here = places[0]!;
		for (let i = 1; i <= max; i++) {
			const moved = await moveLearner(database.db, { id, regionId: here }, places[i]!, null, now);
			expect(moved).toEqual({ moved: true });
			here = places[i]!;
		}
		expect(await moveLearner(database.db, { id, regionId: here }, here, '25-39', now)).toEqual({
			moved: true
		});
		const refused = await moveLearner(database.db, { id, regionId: here }, places[0]!, null, now);
		expect(refused).toEqual({ refused: true, days: 365 });
		expect(await placeOf(id)).toBe(here);
		const nextYear = now + limits.placeChangesPerLearner.windowMs;
		expect(
			await moveLearner(database.db, { id, regionId: here }, places[0]!, null, nextYear)
		).toEqual({ moved: true });
		expect(await placeOf(id)).toBe(places[0]);
	});
});
