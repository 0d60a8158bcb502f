import { and, countDistinct, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { gradeQuiz, GradeError, type Answers, type Grade } from '$lib/content/grade';
import type { Catalogue } from '$lib/content/types';
import { attributeEvents } from '../campaigns/store';
import type { Db } from '../db/client';
import { learningEvents, quizAnswers, quizAttempts } from '../db/schema';
import { groupCommit } from './group-commit';
import { scheduleRollups } from './rollups';
import { writerOf } from './writer-registry';

export type EventInput =
	| { id: string; type: 'lesson_completed'; course: string; lesson: string; occurredAt: Date }
	| {
			id: string;
			type: 'quiz_submitted';
			course: string;
			lesson: string;
			occurredAt: Date;
			answers: Answers;
	  };

export interface Recorder {
	learnerId: string;
	regionId: string;
}

export type RejectReason =
	| 'unknown-course'
	| 'unknown-lesson'
	| 'unknown-question'
	| 'unknown-option'
	| 'several-for-single'
	| 'id-conflict';

export class EventRejected extends Error {
	constructor(readonly reason: RejectReason) {
		super(reason);
	}
}

export type RecordResult =
	| { status: 'created' | 'duplicate'; type: 'lesson_completed' }
	| { status: 'created' | 'duplicate'; type: 'quiz_submitted'; grade: Grade };

/** Grades on the server, from the content: whatever score a client might send is never read. */
function gradeFor(catalogue: Catalogue, input: EventInput): { grade: Grade | null } {
	const course = catalogue.courses.find((c) => c.slug === input.course);
	if (!course) throw new EventRejected('unknown-course');
	const lesson = course.lessons.find((l) => l.slug === input.lesson);
	if (!lesson) throw new EventRejected('unknown-lesson');
	if (input.type !== 'quiz_submitted') return { grade: null };
	try {
		return { grade: gradeQuiz(lesson.quiz, input.answers) };
	} catch (error) {
		if (error instanceof GradeError) throw new EventRejected(error.problem);
		throw error;
	}
}

export async function storedGrade(db: Db, attemptId: string): Promise<Grade> {
	const attempt = await db.query.quizAttempts.findFirst({ where: eq(quizAttempts.id, attemptId) });
	const answers = await db.select().from(quizAnswers).where(eq(quizAnswers.attemptId, attemptId));
	if (!attempt) throw new Error(`quiz attempt ${attemptId} is missing its row`);
	return {
		score: attempt.score,
		total: attempt.total,
		passed: attempt.passed,
		questions: answers.map((a) => ({
			id: a.questionId,
			chosen: a.chosen ? a.chosen.split(',') : [],
			correct: a.correct
		}))
	};
}

type Statement = BatchItem<'sqlite'>;

/** An event that passed grading, waiting for its group's commit. */
type Candidate = { input: EventInput; grade: Grade | null };
/** One request's graded events, as handed to the committer (in this thread or the writer thread). */
export type Job = {
	recorder: Recorder;
	receivedAt: Date;
	contentVersion: string;
	events: Candidate[];
};
export type Outcome = RecordResult | EventRejected;

const created = (input: EventInput, grade: Grade | null): RecordResult =>
	grade
		? { status: 'created', type: 'quiz_submitted', grade }
		: { status: 'created', type: 'lesson_completed' };

/** Reads a JSON array of row arrays bound as ONE parameter: constant SQL, no per-value binding. */
const rows = (json: string) => sql`json_each(${json})`;
const col = (i: number) => sql.raw(`value ->> ${i}`);

/**
 * Every row a group of new events writes, in a handful of set-based statements: the events, their
 * campaign attribution, quiz attempts and answers, and the per-lesson progress summaries (kept on the
 * write path: a learner's own pages show their progress right after the answer).
 */
function statementsFor(db: Db, fresh: (Candidate & { job: Job })[]): [Statement, ...Statement[]] {
	const ms = (d: Date | null) => (d ? d.getTime() : null);
	const events = JSON.stringify(
		fresh.map(({ input, job }) => [
			input.id,
			job.recorder.learnerId,
			input.type,
			job.recorder.regionId,
			input.course,
			input.lesson,
			ms(input.occurredAt),
			ms(job.receivedAt)
		])
	);
	const statements: [Statement, ...Statement[]] = [
		db.run(sql`INSERT INTO learning_events (id, learner_id, type, region_id, course_slug, lesson_slug, occurred_at, received_at)
			SELECT ${col(0)}, ${col(1)}, ${col(2)}, ${col(3)}, ${col(4)}, ${col(5)}, ${col(6)}, ${col(7)} FROM ${rows(events)}`),
		attributeEvents(db, sql`SELECT ${col(0)} FROM ${rows(events)}`)
	];
	const quizzes = fresh.filter((f) => f.grade);
	if (quizzes.length) {
		const attempts = JSON.stringify(
			quizzes.map(({ input, grade, job }) => [
				input.id,
				job.recorder.learnerId,
				input.course,
				input.lesson,
				grade!.score,
				grade!.total,
				grade!.passed ? 1 : 0,
				job.contentVersion,
				ms(input.occurredAt)
			])
		);
		const answers = JSON.stringify(
			quizzes.flatMap(({ input, grade }) =>
				grade!.questions.map((q) => [input.id, q.id, q.chosen.join(','), q.correct ? 1 : 0])
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
		fresh.map(({ input, grade, job }) => [
			job.recorder.learnerId,
			input.course,
			input.lesson,
			ms(input.occurredAt),
			grade?.score ?? null,
			grade?.total ?? null,
			grade?.passed ? ms(input.occurredAt) : null,
			ms(job.receivedAt)
		])
	);
	// Order-independent: events synced late or twice give the same summary. Rows for the same lesson
	// in one group are merged one after the other by the upsert.
	statements.push(
		db.run(sql`INSERT INTO lesson_progress (learner_id, course_slug, lesson_slug, completed_at, best_score, total, passed_at, updated_at)
			SELECT ${col(0)}, ${col(1)}, ${col(2)}, ${col(3)}, ${col(4)}, ${col(5)}, ${col(6)}, ${col(7)} FROM ${rows(progress)} WHERE true
			ON CONFLICT (learner_id, course_slug, lesson_slug) DO UPDATE SET
				completed_at = min(coalesce(lesson_progress.completed_at, excluded.completed_at), excluded.completed_at),
				best_score = max(coalesce(lesson_progress.best_score, excluded.best_score), coalesce(excluded.best_score, lesson_progress.best_score)),
				total = coalesce(excluded.total, lesson_progress.total),
				passed_at = coalesce(min(lesson_progress.passed_at, excluded.passed_at), lesson_progress.passed_at, excluded.passed_at),
				updated_at = excluded.updated_at`)
	);
	return statements;
}

type Known = { learnerId: string; type: string; course: string; lesson: string };

/** Events already stored under these ids, in one query for the whole group. */
async function storedEvents(db: Db, ids: string[]): Promise<Map<string, Known>> {
	const found = (await db.all(
		sql`SELECT id, learner_id AS learnerId, type, course_slug AS course, lesson_slug AS lesson
			FROM learning_events WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`
	)) as (Known & { id: string })[];
	return new Map(found.map((r) => [r.id, r]));
}

/**
 * Writes a group of jobs (several requests' events) in one transaction. Each id is checked here, where
 * writes are serialized, against what is stored and against the group's earlier events: a resend is a
 * duplicate that answers like the first time, the same id for a different event is refused.
 */
async function writeGroup(db: Db, jobs: Job[]): Promise<Outcome[][]> {
	const stored = await storedEvents(
		db,
		jobs.flatMap((j) => j.events.map((e) => e.input.id))
	);
	const firstHere = new Map<string, Known & { grade: Grade | null }>();
	const fresh: (Candidate & { job: Job })[] = [];
	const outcomes: Outcome[][] = [];
	for (const job of jobs) {
		const own: Outcome[] = [];
		for (const { input, grade } of job.events) {
			const here = firstHere.get(input.id);
			const first = here ?? stored.get(input.id);
			if (!first) {
				const { learnerId } = job.recorder;
				const { type, course, lesson } = input;
				firstHere.set(input.id, { learnerId, type, course, lesson, grade });
				fresh.push({ input, grade, job });
				own.push(created(input, grade));
				continue;
			}
			const same =
				first.learnerId === job.recorder.learnerId &&
				first.type === input.type &&
				first.course === input.course &&
				first.lesson === input.lesson;
			const outcome: Outcome = !same
				? new EventRejected('id-conflict')
				: input.type === 'lesson_completed'
					? { status: 'duplicate', type: 'lesson_completed' }
					: {
							status: 'duplicate',
							type: 'quiz_submitted',
							grade: here ? here.grade! : await storedGrade(db, input.id)
						};
			own.push(outcome);
		}
		outcomes.push(own);
	}
	if (fresh.length) {
		await db.batch(statementsFor(db, fresh));
		scheduleRollups(db);
	}
	return outcomes;
}

/** One group committer per database: concurrent requests share a transaction and its disk sync. */
const committers = new WeakMap<Db, (job: Job) => Promise<Outcome[]>>();
/** Rows per group: large enough to share a sync among many requests, small enough to hold the database briefly. */
export const maxGroupEvents = 2000;

/** The group committer writing on this thread's connection to `db`. */
export function committerFor(db: Db): (job: Job) => Promise<Outcome[]> {
	let submit = committers.get(db);
	if (!submit) {
		submit = groupCommit((jobs: Job[]) => writeGroup(db, jobs), {
			weight: (job) => job.events.length,
			maxWeight: maxGroupEvents
		});
		committers.set(db, submit);
	}
	return submit;
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
): Promise<(RecordResult | EventRejected)[]> {
	const results: Outcome[] = [];
	const candidates: (Candidate & { index: number })[] = [];
	for (const [index, input] of inputs.entries()) {
		try {
			candidates.push({ index, input, grade: gradeFor(catalogue, input).grade });
		} catch (error) {
			if (!(error instanceof EventRejected)) throw error;
			results[index] = error;
		}
	}
	if (!candidates.length) return results;
	// A writer thread, when the server started one for this database, writes on its own connection
	// (asked again for each try: if it stopped, writes go back to this thread).
	const submit = (job: Job) => writerOf(db)?.record(job) ?? committerFor(db)(job);
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

/** Distinct learners with at least one completed learning activity in a region. */
export async function reachedLearners(db: Db, regionId: string): Promise<number> {
	const [row] = await db
		.select({ n: countDistinct(learningEvents.learnerId) })
		.from(learningEvents)
		.where(eq(learningEvents.regionId, regionId));
	return row?.n ?? 0;
}

/** Distinct learners in a region who passed at least one quiz. */
export async function skilledLearners(db: Db, regionId: string): Promise<number> {
	const [row] = await db
		.select({ n: countDistinct(quizAttempts.learnerId) })
		.from(quizAttempts)
		.innerJoin(learningEvents, eq(learningEvents.id, quizAttempts.id))
		.where(and(eq(learningEvents.regionId, regionId), eq(quizAttempts.passed, true)));
	return row?.n ?? 0;
}
