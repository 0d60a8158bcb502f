import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { learningEvents, lessonProgress, quizAnswers, quizAttempts } from '../db/schema';
import { testDatabase } from '../db/test-db.test-helper';
import { EventRejected, recordEvent, type EventInput } from './record';
import { counted } from './counted.test-helper';
import {
	allRight,
	catalogue,
	cityCaoLanh,
	lessonDone,
	quiz,
	recording,
	saDec
} from './record.test-helper';

let database: Awaited<ReturnType<typeof testDatabase>>;

beforeEach(async () => {
	database = await testDatabase();
});
afterEach(() => database.cleanup());
const { learner, rows } = recording(() => database.db);

describe('recordEvent', () => {
	it('stores a lesson completion once, however often it is resent', async () => {
		const who = await learner();
		const id = '11111111-1111-4111-8111-111111111111';
		const first = await recordEvent(database.db, catalogue, who, lessonDone(id));
		const again = await recordEvent(database.db, catalogue, who, lessonDone(id));
		expect(first.status).toBe('created');
		expect(again.status).toBe('duplicate');
		expect(await rows(learningEvents)).toBe(1);
		const event = await database.db.query.learningEvents.findFirst({
			where: eq(learningEvents.id, id)
		});
		expect(event?.occurredAt.toISOString()).toBe('2026-11-20T08:00:00.000Z');
		expect(event?.receivedAt.getTime()).toBeGreaterThan(event!.occurredAt.getTime());
		expect(event?.regionId).toBe(cityCaoLanh);
	});

	it('grades a quiz on the server and stores the attempt and each answer', async () => {
		const who = await learner();
		const result = await recordEvent(
			database.db,
			catalogue,
			who,
			quiz('22222222-2222-4222-8222-222222222222', { call: ['b'], signs: ['a'], otp: ['a'] })
		);
		expect(result.type === 'quiz_submitted' && result.grade).toMatchObject({
			score: 2,
			total: 3,
			passed: false
		});
		expect(await rows(quizAttempts)).toBe(1);
		const answers = await database.db.select().from(quizAnswers);
		expect(answers.map((a) => [a.questionId, a.chosen, a.correct]).sort()).toEqual([
			['call', 'b', true],
			['otp', 'a', true],
			['signs', 'a', false]
		]);
	});

	it('returns the first grade for a resent quiz and stores nothing new', async () => {
		const who = await learner();
		const id = '33333333-3333-4333-8333-333333333333';
		await recordEvent(database.db, catalogue, who, quiz(id, allRight));
		const again = await recordEvent(database.db, catalogue, who, quiz(id, allRight));
		expect(again).toMatchObject({
			status: 'duplicate',
			grade: { score: 3, total: 3, passed: true }
		});
		expect([await rows(learningEvents), await rows(quizAttempts), await rows(quizAnswers)]).toEqual(
			[1, 1, 3]
		);
	});

	it.each([
		[
			'an unknown course',
			{ ...quiz('44444444-4444-4444-8444-444444444441', allRight), course: 'nope' },
			'unknown-course'
		],
		[
			'a lesson of no such course',
			{ ...quiz('44444444-4444-4444-8444-444444444442', allRight), lesson: 'nope' },
			'unknown-lesson'
		],
		[
			'an unknown question',
			quiz('44444444-4444-4444-8444-444444444443', { ...allRight, forged: ['a'] }),
			'unknown-question'
		],
		[
			'an unknown option',
			quiz('44444444-4444-4444-8444-444444444444', { ...allRight, otp: ['z'] }),
			'unknown-option'
		],
		[
			'two answers to a single-choice question',
			quiz('44444444-4444-4444-8444-444444444445', { ...allRight, call: ['a', 'b'] }),
			'several-for-single'
		]
	] as const)('rejects %s and records nothing', async (_, input, reason) => {
		const who = await learner();
		await expect(recordEvent(database.db, catalogue, who, input as EventInput)).rejects.toThrow(
			new EventRejected(reason)
		);
		expect([
			await rows(learningEvents),
			await rows(quizAttempts),
			await rows(lessonProgress)
		]).toEqual([0, 0, 0]);
	});

	it('rejects an id already used by another learner without touching their data', async () => {
		const a = await learner();
		const b = await learner(saDec);
		const id = '55555555-5555-4555-8555-555555555555';
		await recordEvent(database.db, catalogue, a, lessonDone(id));
		await expect(recordEvent(database.db, catalogue, b, lessonDone(id))).rejects.toThrow(
			new EventRejected('id-conflict')
		);
		expect((await counted(database.db, saDec)).reached).toBe(0);
		expect(await rows(lessonProgress)).toBe(1);
	});

	it('keeps one progress row per lesson whatever the order of arrival', async () => {
		const who = await learner();
		await recordEvent(
			database.db,
			catalogue,
			who,
			quiz('66666666-6666-4666-8666-666666666661', allRight, new Date('2026-11-21T09:00:00Z'))
		);
		await recordEvent(
			database.db,
			catalogue,
			who,
			quiz(
				'66666666-6666-4666-8666-666666666662',
				{ call: ['a'] },
				new Date('2026-11-22T09:00:00Z')
			)
		);
		await recordEvent(
			database.db,
			catalogue,
			who,
			lessonDone('66666666-6666-4666-8666-666666666663', new Date('2026-11-19T09:00:00Z'))
		);
		const progress = await database.db.select().from(lessonProgress);
		expect(progress).toHaveLength(1);
		expect(progress[0]).toMatchObject({ bestScore: 3, total: 3 });
		expect(progress[0]?.completedAt?.toISOString()).toBe('2026-11-19T09:00:00.000Z');
		expect(progress[0]?.passedAt?.toISOString()).toBe('2026-11-21T09:00:00.000Z');
	});

	it('counts reached and skilled learners per district, once each', async () => {
		const a = await learner();
		const b = await learner();
		await recordEvent(
			database.db,
			catalogue,
			a,
			lessonDone('77777777-7777-4777-8777-777777777771')
		);
		await recordEvent(
			database.db,
			catalogue,
			a,
			quiz('77777777-7777-4777-8777-777777777772', allRight)
		);
		await recordEvent(
			database.db,
			catalogue,
			a,
			quiz('77777777-7777-4777-8777-777777777773', allRight)
		);
		await recordEvent(
			database.db,
			catalogue,
			b,
			quiz('77777777-7777-4777-8777-777777777774', { otp: ['b'] })
		);
		expect((await counted(database.db, cityCaoLanh)).reached).toBe(2);
		expect((await counted(database.db, cityCaoLanh)).skilled).toBe(1);
		expect((await counted(database.db, saDec)).reached).toBe(0);
	});

	it('stores each id once when the same event arrives concurrently', async () => {
		const who = await learner();
		const id = '88888888-8888-4888-8888-888888888888';
		const results = await Promise.all(
			Array.from({ length: 5 }, () => recordEvent(database.db, catalogue, who, quiz(id, allRight)))
		);
		expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
		expect([await rows(learningEvents), await rows(quizAttempts), await rows(quizAnswers)]).toEqual(
			[1, 1, 3]
		);
	});
});
