import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { learningEvents, lessonProgress, quizAnswers, quizAttempts } from '../db/schema';
import { testDatabase } from '../db/test-db.test-helper';
import { EventRejected, recordEvents } from './record';
import { by, counted } from './counted.test-helper';
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

describe('recordEvents (a batch, one transaction)', () => {
	it('stores the good events of a batch once, rejects the bad ones alone, answers resends', async () => {
		const who = await learner();
		const a = lessonDone('99999999-9999-4999-8999-999999999991');
		const b = quiz('99999999-9999-4999-8999-999999999992', allRight);
		const bad = { ...lessonDone('99999999-9999-4999-8999-999999999993'), lesson: 'nope' };
		const conflict = { ...b, type: 'lesson_completed' as const };
		const results = await recordEvents(database.db, catalogue, who, [a, b, bad, a, conflict]);
		expect(results.map((r) => (r instanceof EventRejected ? r.reason : r.status))).toEqual([
			'created',
			'created',
			'unknown-lesson',
			'duplicate',
			'id-conflict'
		]);
		expect([await rows(learningEvents), await rows(quizAttempts), await rows(quizAnswers)]).toEqual(
			[2, 1, 3]
		);
		const again = await recordEvents(database.db, catalogue, who, [b, a]);
		expect(again.map((r) => (r instanceof EventRejected ? r.reason : r.status))).toEqual([
			'duplicate',
			'duplicate'
		]);
		expect(await rows(learningEvents)).toBe(2);
	});
});

describe('recordEvents from concurrent requests (group commit)', () => {
	const outcome = (r: unknown) =>
		r instanceof EventRejected ? r.reason : (r as { status: string }).status;

	it('gives each request its own results and stores an id sent by several requests once', async () => {
		const a = await learner();
		const b = await learner(saDec);
		const shared = quiz('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa1', allRight);
		const [first, second, third] = await Promise.all([
			recordEvents(database.db, catalogue, a, [
				shared,
				lessonDone('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa2')
			]),
			recordEvents(database.db, catalogue, a, [
				quiz('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa1', { call: ['a'] }),
				lessonDone('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa3')
			]),
			recordEvents(database.db, catalogue, b, [
				shared,
				lessonDone('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa4')
			])
		]);
		expect(first!.map(outcome)).toEqual(['created', 'created']);
		// The resend answers with the grade stored the first time, not a grade of its own answers.
		expect(second!.map(outcome)).toEqual(['duplicate', 'created']);
		expect(second![0]).toMatchObject({ grade: { score: 3, passed: true } });
		expect(third!.map(outcome)).toEqual(['id-conflict', 'created']);
		expect([await rows(learningEvents), await rows(quizAttempts), await rows(quizAnswers)]).toEqual(
			[4, 1, 3]
		);
		expect((await counted(database.db, saDec)).reached).toBe(1);
	});

	it('keeps the acknowledged events of other requests when one request cannot be written', async () => {
		const a = await learner();
		const ghost = by('no-such-learner', cityCaoLanh);
		const settled = await Promise.allSettled([
			recordEvents(database.db, catalogue, a, [lessonDone('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb1')]),
			recordEvents(database.db, catalogue, ghost, [
				lessonDone('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb2')
			]),
			recordEvents(database.db, catalogue, a, [
				quiz('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb3', allRight)
			])
		]);
		expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		const stored = await database.db.select({ id: learningEvents.id }).from(learningEvents);
		expect(stored.map((e) => e.id).sort()).toEqual([
			'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb1',
			'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb3'
		]);
		expect(await rows(lessonProgress)).toBe(1);
	});

	it('merges progress from several requests for the same lesson in one transaction', async () => {
		const a = await learner();
		await Promise.all([
			recordEvents(database.db, catalogue, a, [
				quiz(
					'cccccccc-cccc-4ccc-8ccc-ccccccccccc1',
					{ call: ['a'] },
					new Date('2026-11-22T09:00:00Z')
				)
			]),
			recordEvents(database.db, catalogue, a, [
				quiz('cccccccc-cccc-4ccc-8ccc-ccccccccccc2', allRight, new Date('2026-11-21T09:00:00Z'))
			]),
			recordEvents(database.db, catalogue, a, [
				lessonDone('cccccccc-cccc-4ccc-8ccc-ccccccccccc3', new Date('2026-11-19T09:00:00Z'))
			])
		]);
		const progress = await database.db.select().from(lessonProgress);
		expect(progress).toHaveLength(1);
		expect(progress[0]).toMatchObject({ bestScore: 3, total: 3 });
		expect(progress[0]?.completedAt?.toISOString()).toBe('2026-11-19T09:00:00.000Z');
		expect(progress[0]?.passedAt?.toISOString()).toBe('2026-11-21T09:00:00.000Z');
	});
});
