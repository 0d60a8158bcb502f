import { count } from 'drizzle-orm';
import { buildCatalogue } from '../content/catalogue';
import { validCourse } from '../content/fixture.test-helper';
import type { Db } from '../db/client';
import { learningEvents, lessonProgress, quizAnswers, quizAttempts } from '../db/schema';
import { createLearner } from '../learner';
import type { EventInput } from './record';
import { by } from './counted.test-helper';

export const catalogue = buildCatalogue(validCourse()).catalogue;
export const cityCaoLanh = 'dong-thap-2022:866';
export const saDec = 'dong-thap-2022:867';

export const lessonDone = (
	id: string,
	occurredAt = new Date('2026-11-20T08:00:00Z')
): EventInput => ({
	id,
	type: 'lesson_completed',
	course: 'demo',
	lesson: 'first',
	occurredAt
});
export const quiz = (
	id: string,
	answers: Record<string, string[]>,
	occurredAt = new Date('2026-11-20T08:05:00Z')
): EventInput => ({
	id,
	type: 'quiz_submitted',
	course: 'demo',
	lesson: 'first',
	occurredAt,
	answers
});
export const allRight = { call: ['b'], signs: ['a', 'b'], otp: ['a'] };

/**
 * A new learner in a place (Cao Lãnh city unless told), and how many rows a table holds, in the
 * test's database (`db()` gives it, made afresh for each test).
 */
export function recording(db: () => Db) {
	async function learner(regionId = cityCaoLanh) {
		const { id } = await createLearner(db(), regionId, null);
		return by(id, regionId);
	}

	async function rows(
		table: typeof learningEvents | typeof quizAttempts | typeof quizAnswers | typeof lessonProgress
	) {
		const [row] = await db().select({ n: count() }).from(table);
		return row?.n ?? 0;
	}

	return { learner, rows };
}
