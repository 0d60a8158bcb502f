import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { buildCatalogue } from '../content/catalogue';
import { validCourse } from '../content/fixture.test-helper';
import { learningEvents } from '../db/schema';
import { testDatabase } from '../db/test-db.test-helper';
import { createLearner } from '../learner';
import { by } from './counted.test-helper';
import { EventRejected, recordEvents, type EventInput } from './record';
import { repeatsPerLesson } from './writes';

const catalogue = buildCatalogue(validCourse()).catalogue;
const here = 'dong-thap-2022:866';
let database: Awaited<ReturnType<typeof testDatabase>>;

beforeEach(async () => {
	database = await testDatabase();
});
afterEach(() => database.cleanup());

const done = (n: number): EventInput => ({
	id: crypto.randomUUID(),
	type: 'lesson_completed',
	course: 'demo',
	lesson: 'first',
	occurredAt: new Date(Date.UTC(2026, 10, 20, 8, 0, n))
});

async function stored(learnerId: string) {
	const [row] = await database.db
		.select({ n: count() })
		.from(learningEvents)
		.where(eq(learningEvents.learnerId, learnerId));
	return row?.n ?? 0;
}

describe('repeats of one lesson', () => {
	it(`keeps ${repeatsPerLesson} of a kind per learner and lesson, refuses the next, and resends stay duplicates`, async () => {
		const { id } = await createLearner(database.db, here, null);
		const who = by(id, here);
		const first = Array.from({ length: repeatsPerLesson - 1 }, (_, n) => done(n));
		const outcomes = await recordEvents(database.db, catalogue, who, first);
		expect(outcomes.every((o) => !(o instanceof EventRejected) && o.status === 'created')).toBe(
			true
		);
		// In one batch: the last one allowed, then one too many.
		const [last, over] = await recordEvents(database.db, catalogue, who, [done(98), done(99)]);
		expect(last).toMatchObject({ status: 'created' });
		expect(over).toEqual(new EventRejected('too-many-repeats'));
		expect(await stored(id)).toBe(repeatsPerLesson);
		// A resend of a kept event still answers as the first time, and another learner is not affected.
		const [again] = await recordEvents(database.db, catalogue, who, [first[0]!]);
		expect(again).toMatchObject({ status: 'duplicate' });
		const other = await createLearner(database.db, here, null);
		const [theirs] = await recordEvents(database.db, catalogue, by(other.id, here), [done(1)]);
		expect(theirs).toMatchObject({ status: 'created' });
	});
});
