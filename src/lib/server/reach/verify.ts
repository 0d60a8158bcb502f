import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { chunkLearners } from './rebuild';
import { between, chunkEnd, expectedFirsts } from './rollups';

export interface Verification {
	firstsChecked: number;
	firstsWrong: number;
	monthlyChecked: number;
	monthlyWrong: number;
}

/** One row of reach_monthly, as recomputed or as stored. */
interface MonthlyRow {
	dim: string;
	area: string;
	kind: string;
	value: string;
	month: string;
	learners: number;
}

/**
 * Recomputes every rollup from raw events and counts the rows that differ from the live ones (catch up
 * first). The first days are compared one chunk of learners at a time, and the monthly counts the
 * chunks imply are summed here (a few thousand rows), so memory stays bounded.
 */
export async function verifyRollups(db: Db, size = chunkLearners): Promise<Verification> {
	const result: Verification = {
		firstsChecked: 0,
		firstsWrong: 0,
		monthlyChecked: 0,
		monthlyWrong: 0
	};
	const expectedMonthly = new Map<string, number>();
	const key = (r: Omit<MonthlyRow, 'learners'>) =>
		JSON.stringify([r.dim, r.area, r.kind, r.value, r.month]);
	let after: string | null = null;
	for (;;) {
		const end = await chunkEnd(db, after, size);
		const who = between(after, end);
		const [firsts] = (await db.all(sql`
			WITH expected AS MATERIALIZED (${expectedFirsts(who(sql`e.learner_id`))}),
			live AS MATERIALIZED (SELECT learner_id, area, kind, dim, value, first_day FROM reach_firsts WHERE ${who(sql`learner_id`)})
			SELECT (SELECT count(*) FROM expected) AS checked,
				(SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM live))
				+ (SELECT count(*) FROM (SELECT * FROM live EXCEPT SELECT * FROM expected)) AS wrong`)) as {
			checked: number;
			wrong: number;
		}[];
		result.firstsChecked += Number(firsts?.checked ?? 0);
		result.firstsWrong += Number(firsts?.wrong ?? 0);
		const months = (await db.all(sql`
			SELECT dim, area, kind, value, substr(first_day, 1, 7) AS month, count(*) AS learners
			FROM (${expectedFirsts(who(sql`e.learner_id`))}) GROUP BY 1, 2, 3, 4, 5`)) as MonthlyRow[];
		for (const m of months)
			expectedMonthly.set(key(m), (expectedMonthly.get(key(m)) ?? 0) + Number(m.learners));
		if (end === null) break;
		after = end;
	}
	const live = (await db.all(
		sql`SELECT dim, area, kind, value, month, learners FROM reach_monthly WHERE learners <> 0`
	)) as MonthlyRow[];
	result.monthlyChecked = expectedMonthly.size;
	const seen = new Set<string>();
	for (const row of live) {
		seen.add(key(row));
		if (expectedMonthly.get(key(row)) !== Number(row.learners)) result.monthlyWrong++;
	}
	for (const k of expectedMonthly.keys()) if (!seen.has(k)) result.monthlyWrong++;
	return result;
}
