import { gradeQuiz, GradeError, type Grade } from '$lib/content/grade';
import type { Catalogue, Lesson } from '$lib/content/types';
import { clockSkewMs, type EventInput, type EventKind } from '$lib/events/kinds';
import { clockSkewBeforeLearnerMs } from './definition';
import type { Db } from '../db/client';
import type { Recorder } from './statements';
import { committerFor, EventRejected, type Job, type Outcome, type RecordResult } from './writes';

export { EventRejected, storedGrade, type RecordResult, type RejectReason } from './writes';
export type { EventInput } from '$lib/events/kinds';
export { recorderOf, type Recorder } from './statements';

/**
 * What each kind of event needs from the content before it is stored: quizzes are graded here, from
 * the content, so whatever score a client might send is never read.
 */
const grading: {
	[K in EventKind]: (lesson: Lesson, input: Extract<EventInput, { type: K }>) => Grade | null;
} = {
	lesson_opened: () => null,
	lesson_completed: () => null,
	quiz_submitted: (lesson, input) => gradeQuiz(lesson.quiz, input.answers)
};

function check(catalogue: Catalogue, input: EventInput, recorder: Recorder, receivedAt: Date) {
	// Learning cannot be older than its learner, nor newer than its arrival (offline events keep their day).
	if (input.occurredAt.getTime() < recorder.createdAt.getTime() - clockSkewBeforeLearnerMs)
		throw new EventRejected('before-learner');
	if (input.occurredAt.getTime() > receivedAt.getTime() + clockSkewMs)
		throw new EventRejected('after-receipt');
	const course = catalogue.courses.find((c) => c.slug === input.course);
	if (!course) throw new EventRejected('unknown-course');
	const lesson = course.lessons.find((l) => l.slug === input.lesson);
	if (!lesson) throw new EventRejected('unknown-lesson');
	try {
		const grade = (grading[input.type] as (lesson: Lesson, input: EventInput) => Grade | null)(
			lesson,
			input
		);
		return { grade, lessonMinutes: lesson.minutes };
	} catch (error) {
		if (error instanceof GradeError) throw new EventRejected(error.problem);
		throw error;
	}
}

/**
 * Records a batch of one learner's events, each exactly once. The batch is committed atomically in one
 * transaction, possibly shared with other requests' batches (group commit: one disk sync for all of
 * them), and this returns only after that commit. A resend of an id changes nothing and answers like
 * the first time; the same id used for a different event, or an event that fails validation, is
 * rejected on its own without sinking the others.
 */
export async function recordEvents(
	db: Db,
	catalogue: Catalogue,
	recorder: Recorder,
	inputs: EventInput[],
	receivedAt = new Date()
): Promise<Outcome[]> {
	const results: Outcome[] = [];
	const candidates: (Job['events'][number] & { index: number })[] = [];
	for (const [index, input] of inputs.entries()) {
		try {
			candidates.push({ index, input, ...check(catalogue, input, recorder, receivedAt) });
		} catch (error) {
			if (!(error instanceof EventRejected)) throw error;
			results[index] = error;
		}
	}
	if (!candidates.length) return results;
	const submit = committerFor(db);
	const job = { recorder, receivedAt, contentVersion: catalogue.version };
	let outcomes: Outcome[];
	try {
		outcomes = await submit({ ...job, events: candidates });
	} catch {
		// Another process stored one of these ids between our check and our write, or one event cannot
		// be written: record them one by one, so that each reports what is stored and a bad one fails alone.
		outcomes = [];
		for (const candidate of candidates) {
			const [one] = await submit({ ...job, events: [candidate] });
			outcomes.push(one!);
		}
	}
	candidates.forEach((c, i) => (results[c.index] = outcomes[i]!));
	return results;
}

/** Records one event exactly once (see recordEvents); a rejection is thrown. */
export async function recordEvent(
	db: Db,
	catalogue: Catalogue,
	recorder: Recorder,
	input: EventInput,
	receivedAt = new Date()
): Promise<RecordResult> {
	const [result] = await recordEvents(db, catalogue, recorder, [input], receivedAt);
	if (result instanceof EventRejected) throw result;
	return result!;
}
