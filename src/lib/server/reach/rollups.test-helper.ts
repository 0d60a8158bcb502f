import { expect } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { buildCatalogue } from '../content/catalogue';
import { validCourse } from '../content/fixture.test-helper';
import type { Db } from '../db/client';
import { reachMonthly } from '../db/schema';
import { createLearner } from '../learner';
import { recordEvent, type EventInput, type Recorder } from './record';
import { by } from './counted.test-helper';
import { catchUp } from './step';
import { verifyRollups } from './verify';

export const catalogue = buildCatalogue(validCourse()).catalogue;
export const caoLanh = 'dong-thap-2022:866';
export const saDec = 'dong-thap-2022:867';
export const pass = { call: ['b'], signs: ['a', 'b'], otp: ['a'] };
export const fail = { call: ['a'] };

export const at = (day: string, hour = 9) =>
	new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+07:00`);
export const done = (day: string, id = crypto.randomUUID()): EventInput => ({
	id,
	type: 'lesson_completed',
	course: 'demo',
	lesson: 'first',
	occurredAt: at(day)
});
export const quiz = (
	day: string,
	answers: Record<string, string[]>,
	id = crypto.randomUUID()
): EventInput => ({
	id,
	type: 'quiz_submitted',
	course: 'demo',
	lesson: 'first',
	occurredAt: at(day),
	answers
});

/** Learners, their events and the rollups' rows, in the database `db()` gives (the test's own). */
export function rollupsOf(db: () => Db) {
	async function learner(
		regionId = caoLanh,
		ageBand: '15-24' | '60-plus' | null = null
	): Promise<Recorder> {
		const { id } = await createLearner(db(), regionId, ageBand);
		return by(id, regionId);
	}
	/** Records an event, then runs the background rollup step as the server would right after. */
	const record = async (who: Recorder, e: EventInput) => {
		await recordEvent(db(), catalogue, who, e);
		await catchUp(db());
	};

	async function monthly(regionId: string, kind = 'reached', dim = 'all', value = '') {
		const rows = await db()
			.select({ day: reachMonthly.month, n: reachMonthly.learners })
			.from(reachMonthly)
			.where(
				and(
					eq(reachMonthly.area, regionId),
					eq(reachMonthly.kind, kind as 'reached'),
					eq(reachMonthly.dim, dim),
					eq(reachMonthly.value, value),
					sql`${reachMonthly.learners} <> 0`
				)
			)
			.orderBy(reachMonthly.month);
		return Object.fromEntries(rows.map((r) => [r.day, r.n]));
	}

	async function expectConsistent() {
		const v = await verifyRollups(db());
		expect(v.firstsWrong, JSON.stringify(v)).toBe(0);
		expect(v.monthlyWrong, JSON.stringify(v)).toBe(0);
		// Checked in chunks of one or a few learners, the same recomputation gives the same answer.
		for (const size of [1, 3]) expect(await verifyRollups(db(), size)).toEqual(v);
		return v;
	}

	return { learner, record, monthly, expectConsistent };
}
