import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../db/test-db.test-helper';
import { countedBy, countedDay } from './definition';

let database: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => (database = await testDatabase()));
afterAll(() => database.cleanup());

describe('the counted day, two ways', () => {
	it('countedBy(e, day) takes exactly the events whose countedDay is that day or before', async () => {
		// Around the end of 31 December 2025 in the province (17:00 UTC), and a plain midday.
		const instants = [
			Date.UTC(2025, 11, 31, 16, 59, 59, 999),
			Date.UTC(2025, 11, 31, 17),
			Date.UTC(2025, 11, 31, 17, 0, 0, 1),
			Date.UTC(2025, 11, 30, 17),
			Date.UTC(2025, 11, 30, 16, 59, 59, 999),
			Date.UTC(2026, 5, 15, 5)
		];
		for (const asOf of ['2025-12-30', '2025-12-31', '2026-01-01']) {
			for (const at of instants) {
				const e = sql`(SELECT ${at} AS occurred_at)`;
				const [row] = (await database.db.all(sql`
					SELECT (${countedDay(sql`e`)} <= ${asOf}) AS byDay, (${countedBy(sql`e`, asOf)}) AS byMs
					FROM ${e} e`)) as { byDay: number; byMs: number }[];
				expect([asOf, at, Number(row!.byMs)]).toEqual([asOf, at, Number(row!.byDay)]);
			}
		}
	});
});
