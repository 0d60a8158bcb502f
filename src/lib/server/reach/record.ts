import { and, countDistinct, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { gradeQuiz, GradeError, type Answers, type Grade } from '$lib/content/grade';
import type { Catalogue } from '$lib/content/types';
import { attributeEvents } from '../campaigns/store';
import type { Db } from '../db/client';
import { learningEvents, lessonProgress, quizAnswers, quizAttempts } from '../db/schema';
import { scheduleRollups } from './rollups';

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

async function existing(
	db: Db,
	recorder: Recorder,
	input: EventInput
): Promise<RecordResult | null> {
	const event = await db.query.learningEvents.findFirst({ where: eq(learningEvents.id, input.id) });
	if (!event) return null;
	const same =
		event.learnerId === recorder.learnerId &&
		event.type === input.type &&
		event.courseSlug === input.course &&
		event.lessonSlug === input.lesson;
	if (!same) throw new EventRejected('id-conflict');
	if (event.type === 'lesson_completed') return { status: 'duplicate', type: 'lesson_completed' };
	return { status: 'duplicate', type: 'quiz_submitted', grade: await storedGrade(db, input.id) };
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

type Fresh = { index: number; input: EventInput; graded: { grade: Grade | null } };

/**
 * Every row a batch of new events writes, in a handful of multi-row statements: the events, their
 * campaign attribution, quiz attempts and answers, and the per-lesson progress summaries.
 */
function statementsFor(
	db: Db,
	catalogue: Catalogue,
	recorder: Recorder,
	fresh: Fresh[],
	receivedAt: Date
): [Statement, ...Statement[]] {
	const key = (input: EventInput) => ({
		learnerId: recorder.learnerId,
		courseSlug: input.course,
		lessonSlug: input.lesson
	});
	const statements: [Statement, ...Statement[]] = [
		db.insert(learningEvents).values(
			fresh.map(({ input }) => ({
				id: input.id,
				...key(input),
				type: input.type,
				regionId: recorder.regionId,
				occurredAt: input.occurredAt,
				receivedAt
			}))
		),
		attributeEvents(
			db,
			fresh.map((f) => f.input.id)
		)
	];
	const quizzes = fresh.filter((f) => f.graded.grade);
	if (quizzes.length) {
		statements.push(
			db.insert(quizAttempts).values(
				quizzes.map(({ input, graded }) => ({
					id: input.id,
					...key(input),
					score: graded.grade!.score,
					total: graded.grade!.total,
					passed: graded.grade!.passed,
					contentVersion: catalogue.version,
					occurredAt: input.occurredAt
				}))
			),
			db.insert(quizAnswers).values(
				quizzes.flatMap(({ input, graded }) =>
					graded.grade!.questions.map((q) => ({
						attemptId: input.id,
						questionId: q.id,
						chosen: q.chosen.join(','),
						correct: q.correct
					}))
				)
			)
		);
	}
	statements.push(
		db
			.insert(lessonProgress)
			.values(
				fresh.map(({ input, graded: { grade } }) => ({
					...key(input),
					completedAt: input.occurredAt,
					bestScore: grade?.score ?? null,
					total: grade?.total ?? null,
					passedAt: grade?.passed ? input.occurredAt : null,
					updatedAt: receivedAt
				}))
			)
			.onConflictDoUpdate({
				target: [lessonProgress.learnerId, lessonProgress.courseSlug, lessonProgress.lessonSlug],
				// Order-independent: events synced late or twice give the same summary.
				set: {
					completedAt: sql`min(coalesce(${lessonProgress.completedAt}, excluded.completed_at), excluded.completed_at)`,
					bestScore: sql`max(coalesce(${lessonProgress.bestScore}, excluded.best_score), coalesce(excluded.best_score, ${lessonProgress.bestScore}))`,
					total: sql`coalesce(excluded.total, ${lessonProgress.total})`,
					passedAt: sql`coalesce(min(${lessonProgress.passedAt}, excluded.passed_at), ${lessonProgress.passedAt}, excluded.passed_at)`,
					updatedAt: receivedAt
				}
			})
	);
	return statements;
}

/** Events already stored under these ids, in one query for the whole batch. */
async function storedEvents(db: Db, ids: string[]) {
	if (!ids.length) return new Map<string, typeof learningEvents.$inferSelect>();
	const rows = await db.select().from(learningEvents).where(inArray(learningEvents.id, ids));
	return new Map(rows.map((r) => [r.id, r]));
}

const created = (input: EventInput, grade: Grade | null): RecordResult =>
	grade
		? { status: 'created', type: 'quiz_submitted', grade }
		: { status: 'created', type: 'lesson_completed' };

/**
 * Records a batch of one learner's events, each exactly once, in ONE atomic transaction: one disk sync
 * per batch instead of one per event. A resend of an id changes nothing and answers like the first time;
 * the same id used for a different event, or an event that fails validation, is rejected on its own
 * without sinking the others. A crash leaves all of the batch's new rows or none.
 */
export async function recordEvents(
	db: Db,
	catalogue: Catalogue,
	recorder: Recorder,
	inputs: EventInput[],
	receivedAt = new Date()
): Promise<(RecordResult | EventRejected)[]> {
	const results: (RecordResult | EventRejected | null)[] = inputs.map(() => null);
	const fresh: Fresh[] = [];
	const seenHere = new Map<string, EventInput>();
	const stored = await storedEvents(
		db,
		inputs.map((i) => i.id)
	);
	for (const [index, input] of inputs.entries()) {
		try {
			const graded = gradeFor(catalogue, input);
			const twin = seenHere.get(input.id);
			const event = stored.get(input.id);
			if (twin || event) {
				const same = twin
					? twin.type === input.type && twin.course === input.course && twin.lesson === input.lesson
					: event!.learnerId === recorder.learnerId &&
						event!.type === input.type &&
						event!.courseSlug === input.course &&
						event!.lessonSlug === input.lesson;
				if (!same) throw new EventRejected('id-conflict');
				results[index] = twin
					? { ...created(input, graded.grade), status: 'duplicate' }
					: input.type === 'quiz_submitted'
						? {
								status: 'duplicate',
								type: 'quiz_submitted',
								grade: await storedGrade(db, input.id)
							}
						: { status: 'duplicate', type: 'lesson_completed' };
				continue;
			}
			seenHere.set(input.id, input);
			fresh.push({ index, input, graded });
		} catch (error) {
			if (!(error instanceof EventRejected)) throw error;
			results[index] = error;
		}
	}
	if (fresh.length) {
		try {
			await db.batch(statementsFor(db, catalogue, recorder, fresh, receivedAt));
			for (const f of fresh) results[f.index] = created(f.input, f.graded.grade);
			scheduleRollups(db);
		} catch (error) {
			// Another request stored one of these ids between our check and our write: the whole batch
			// rolled back, so record them one by one; each then reports what is stored.
			if (fresh.length === 1) {
				const raced = await existing(db, recorder, fresh[0]!.input).catch((e: unknown) => e);
				if (!raced) throw error;
				results[fresh[0]!.index] = raced as RecordResult | EventRejected;
			} else {
				for (const f of fresh) {
					const [one] = await recordEvents(db, catalogue, recorder, [f.input], receivedAt);
					results[f.index] = one!;
				}
			}
		}
	}
	return results as (RecordResult | EventRejected)[];
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
