import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Grade } from '$lib/content/grade';
import type { EventInput } from '$lib/events/kinds';
import { attributeEvents } from '../campaigns/store';
import type { Db } from '../db/client';
import { completes } from './definition';
import { upsertProgress } from './progress';

export type Statement = BatchItem<'sqlite'>;

/** Who sent an event: the learner, and the area it counts in (copied from the learner on receipt). */
export interface Recorder {
	learnerId: string;
	regionId: string;
	/** When the learner was made: no event may claim to be older (beyond a clock's skew). */
	createdAt: Date;
	/** Through the event API (the pages and the outbox) or a form sent without JavaScript. */
	via: 'api' | 'form';
}

/** The recorder of a learner's events, as they came: through the event API or a plain form. */
export const recorderOf = (
	learner: { id: string; regionId: string; createdAt: Date },
	via: Recorder['via']
): Recorder => ({
	learnerId: learner.id,
	regionId: learner.regionId,
	createdAt: learner.createdAt,
	via
});

/** A new event ready to be written: graded, with its sender and the request's receipt time. */
export interface FreshEvent {
	input: EventInput;
	grade: Grade | null;
	/** The lesson's reading time, for the plausible pace (`checks.ts`). */
	lessonMinutes: number;
	recorder: Recorder;
	receivedAt: Date;
	contentVersion: string;
}

/** Reads a JSON array of row arrays bound as ONE parameter: constant SQL, no per-value binding. */
const rows = (json: string) => sql`json_each(${json})`;
const col = (i: number) => sql.raw(`value ->> ${i}`);
const ms = (d: Date | null) => (d ? d.getTime() : null);

/**
 * Every row a group of new events writes, in a handful of set-based statements: the events, their
 * campaign attribution, quiz attempts and answers, and the per-lesson progress summaries (kept on the
 * write path: a learner's own pages show their progress right after the answer).
 */
export function statementsFor(
	db: Db,
	fresh: FreshEvent[],
	held: Map<string, string> = new Map()
): [Statement, ...Statement[]] {
	const events = JSON.stringify(
		fresh.map(({ input, recorder, receivedAt }) => [
			input.id,
			recorder.learnerId,
			input.type,
			recorder.regionId,
			input.course,
			input.lesson,
			ms(input.occurredAt),
			ms(receivedAt)
		])
	);
	// Opening a lesson is recorded, but only finishing one counts for a campaign or makes progress.
	const finished = fresh.filter((f) => completes(f.input.type));
	const statements: [Statement, ...Statement[]] = [
		db.run(sql`INSERT INTO learning_events (id, learner_id, type, region_id, course_slug, lesson_slug, occurred_at, received_at)
			SELECT ${col(0)}, ${col(1)}, ${col(2)}, ${col(3)}, ${col(4)}, ${col(5)}, ${col(6)}, ${col(7)} FROM ${rows(events)}`)
	];
	if (held.size)
		statements.push(
			db.run(sql`INSERT OR IGNORE INTO event_holds (event_id, hold_id)
				SELECT value ->> 0, value ->> 1 FROM json_each(${JSON.stringify([...held])})`)
		);
	if (!finished.length) return statements;
	statements.push(
		attributeEvents(
			db,
			sql`SELECT value FROM json_each(${JSON.stringify(finished.map((f) => f.input.id))})`
		)
	);
	const graded = fresh.filter((f): f is FreshEvent & { grade: Grade } => f.grade !== null);
	if (graded.length) {
		const attempts = JSON.stringify(
			graded.map(({ input, grade, recorder, contentVersion }) => [
				input.id,
				recorder.learnerId,
				input.course,
				input.lesson,
				grade.score,
				grade.total,
				grade.passed ? 1 : 0,
				contentVersion,
				ms(input.occurredAt)
			])
		);
		const answers = JSON.stringify(
			graded.flatMap(({ input, grade }) =>
				grade.questions.map((q) => [input.id, q.id, q.chosen.join(','), q.correct ? 1 : 0])
			)
		);
		statements.push(
			db.run(sql`INSERT INTO quiz_attempts (id, learner_id, course_slug, lesson_slug, score, total, passed, content_version, occurred_at)
				SELECT ${col(0)}, ${col(1)}, ${col(2)}, ${col(3)}, ${col(4)}, ${col(5)}, ${col(6)}, ${col(7)}, ${col(8)} FROM ${rows(attempts)}`),
			db.run(sql`INSERT INTO quiz_answers (attempt_id, question_id, chosen, correct)
				SELECT ${col(0)}, ${col(1)}, ${col(2)}, ${col(3)} FROM ${rows(answers)}`)
		);
	}
	const progress = JSON.stringify(
		finished.map(({ input, grade, recorder, receivedAt }) => [
			recorder.learnerId,
			input.course,
			input.lesson,
			ms(input.occurredAt),
			grade?.score ?? null,
			grade?.total ?? null,
			grade?.passed ? ms(input.occurredAt) : null,
			ms(receivedAt)
		])
	);
	statements.push(
		upsertProgress(
			db,
			sql`SELECT ${col(0)}, ${col(1)}, ${col(2)}, ${col(3)}, ${col(4)}, ${col(5)}, ${col(6)}, ${col(7)} FROM ${rows(progress)}`
		)
	);
	return statements;
}
