import { eq, sql } from 'drizzle-orm';
import type { Grade } from '$lib/content/grade';
import type { EventInput, EventKind } from '$lib/events/kinds';
import type { Db } from '../db/client';
import { quizAnswers, quizAttempts } from '../db/schema';
import { groupCommit } from './group-commit';
import { paceHolds } from './checks';
import { statementsFor, type Recorder } from './statements';
import { scheduleRollups } from './step';

/** One request's graded events, as handed to the group committer. */
export interface Job {
	recorder: Recorder;
	receivedAt: Date;
	contentVersion: string;
	events: { input: EventInput; grade: Grade | null; lessonMinutes: number }[];
}

export type RecordResult = { status: 'created' | 'duplicate'; type: EventKind; grade?: Grade };

/** Why an event is refused: it names something the content does not have, or reuses an id. */
export type RejectReason =
	| 'unknown-course'
	| 'unknown-lesson'
	| 'unknown-question'
	| 'unknown-option'
	| 'several-for-single'
	| 'id-conflict'
	| 'before-learner'
	| 'after-receipt'
	| 'too-many-repeats';

export class EventRejected extends Error {
	constructor(readonly reason: RejectReason) {
		super(reason);
	}
}

export type Outcome = RecordResult | EventRejected;

const answer = (status: RecordResult['status'], type: EventKind, grade: Grade | null) =>
	grade ? { status, type, grade } : { status, type };

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

type Known = { learnerId: string; type: string; course: string; lesson: string };

/**
 * At most this many events of one kind for one lesson are kept per learner (50 openings, 50 completions,
 * 50 quiz attempts); later ones are refused. A person never needs more (repeats add nothing to reach),
 * and it bounds what one learner's history costs: the rollup step recomputes a learner from all their
 * events, so an unbounded history (the event limit alone lets a cookie send 12,000 a minute) would make
 * each of their batches slower than the last, for everyone sharing the one writer.
 */
export const repeatsPerLesson = 50;

const repeatKey = (k: Known) => `${k.learnerId}\u0000${k.course}\u0000${k.lesson}\u0000${k.type}`;

/** How many events of each kind and lesson the group's learners have stored, in one query. */
async function storedRepeats(db: Db, learners: string[]): Promise<Map<string, number>> {
	const found = (await db.all(
		sql`SELECT learner_id AS learnerId, course_slug AS course, lesson_slug AS lesson, type, count(*) AS n
			FROM learning_events WHERE learner_id IN (SELECT value FROM json_each(${JSON.stringify(learners)}))
			GROUP BY 1, 2, 3, 4`
	)) as (Known & { n: number })[];
	return new Map(found.map((r) => [repeatKey(r), Number(r.n)]));
}

/** Events already stored under these ids, in one query for the whole group. */
async function storedEvents(db: Db, ids: string[]): Promise<Map<string, Known & { id: string }>> {
	const found = (await db.all(
		sql`SELECT id, learner_id AS learnerId, type, course_slug AS course, lesson_slug AS lesson
			FROM learning_events WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`
	)) as (Known & { id: string })[];
	return new Map(found.map((r) => [r.id, r]));
}

/**
 * Writes a group of jobs (several requests' events) in one transaction. Each id is checked here, where
 * writes are serialized, against what is stored and against the group's earlier events: a resend is a
 * duplicate that answers like the first time, the same id for a different event is refused, and so is
 * a new event beyond `repeatsPerLesson`.
 */
async function writeGroup(db: Db, jobs: Job[]): Promise<Outcome[][]> {
	const stored = await storedEvents(
		db,
		jobs.flatMap((j) => j.events.map((e) => e.input.id))
	);
	const repeats = await storedRepeats(db, [...new Set(jobs.map((j) => j.recorder.learnerId))]);
	const firstHere = new Map<string, Known & { grade: Grade | null }>();
	const fresh: Parameters<typeof statementsFor>[1] = [];
	const outcomes: Outcome[][] = [];
	for (const job of jobs) {
		const own: Outcome[] = [];
		for (const { input, grade, lessonMinutes } of job.events) {
			const here = firstHere.get(input.id);
			const first = here ?? stored.get(input.id);
			const { learnerId } = job.recorder;
			const { type, course, lesson } = input;
			if (!first) {
				const key = repeatKey({ learnerId, type, course, lesson });
				const before = repeats.get(key) ?? 0;
				if (before >= repeatsPerLesson) {
					own.push(new EventRejected('too-many-repeats'));
					continue;
				}
				repeats.set(key, before + 1);
				firstHere.set(input.id, { learnerId, type, course, lesson, grade });
				fresh.push({ ...job, input, grade, lessonMinutes });
				own.push(answer('created', type, grade));
				continue;
			}
			const same =
				first.learnerId === learnerId &&
				first.type === type &&
				first.course === course &&
				first.lesson === lesson;
			if (!same) {
				own.push(new EventRejected('id-conflict'));
				continue;
			}
			// A resend answers with the grade stored the first time, whatever it carries now.
			const firstGrade = here ? here.grade : grade ? await storedGrade(db, input.id) : null;
			own.push(answer('duplicate', type, firstGrade));
		}
		outcomes.push(own);
	}
	if (fresh.length) {
		const pace = await paceHolds(db, fresh);
		const [first, ...rest] = statementsFor(db, fresh, pace.held);
		await db.batch([first, ...pace.statements, ...rest]);
		scheduleRollups(db);
	}
	return outcomes;
}

/** One group committer per database: concurrent requests share a transaction and its disk sync. */
const committers = new WeakMap<Db, (job: Job) => Promise<Outcome[]>>();
/** Rows per group: large enough to share a sync among many requests, small enough to hold the database briefly. */
export const maxGroupEvents = 2000;

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
