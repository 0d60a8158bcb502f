import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildCatalogue } from '../content/catalogue';
import { validCourse } from '../content/fixture.test-helper';
import { testDatabase } from '../db/test-db.test-helper';
import { createLearner } from '../learner';
import { EventRejected, recordEvents, type EventInput } from './record';
import { catchUp, syncLessonTags, verifyRollups } from './rollups';
import { startWriter } from './writer';
import { writerOf } from './writer-registry';

/**
 * The writer thread (a real worker_threads Worker, loaded through tsx here, from the build in the app):
 * the same answers as writing on the main thread, one connection writing, and a fall-back when it stops.
 */
const catalogue = buildCatalogue(validCourse()).catalogue;
let database: Awaited<ReturnType<typeof testDatabase>>;
let writer: Awaited<ReturnType<typeof startWriter>>;

beforeEach(async () => {
	database = await testDatabase();
	await syncLessonTags(database.db, catalogue);
	writer = await startWriter(database);
});
afterEach(async () => {
	await writer?.close();
	database.cleanup();
});

const lesson = (id: string, day = 3): EventInput => ({
	id,
	type: 'lesson_completed',
	course: 'demo',
	lesson: 'first',
	occurredAt: new Date(Date.UTC(2026, 0, day))
});
const quiz = (id: string): EventInput => ({
	id,
	type: 'quiz_submitted',
	course: 'demo',
	lesson: 'first',
	occurredAt: new Date(Date.UTC(2026, 0, 5)),
	answers: { call: ['b'], signs: ['a', 'b'], otp: ['a'] }
});
const count = async (table: string) =>
	((await database.db.all(sql.raw(`SELECT count(*) AS n FROM ${table}`))) as { n: number }[])[0]!.n;

describe('the writer thread', () => {
	it('starts for an embedded file and answers like the main thread: created, duplicate, id-conflict', async () => {
		expect(writer).not.toBeNull();
		expect(writerOf(database.db)).toBeDefined();
		const a = await createLearner(database.db, 'dong-thap-2022:866', null);
		const b = await createLearner(database.db, 'dong-thap-2022:867', null);

		const asA = { learnerId: a.id, regionId: 'dong-thap-2022:866' };
		const asB = { learnerId: b.id, regionId: 'dong-thap-2022:867' };

		const first = await recordEvents(database.db, catalogue, asA, [lesson('e1'), quiz('q1')]);
		expect(first.map((r) => !(r instanceof EventRejected) && r.status)).toEqual([
			'created',
			'created'
		]);
		const again = await recordEvents(database.db, catalogue, asA, [quiz('q1'), lesson('e1')]);
		expect(again[0]).toMatchObject({ status: 'duplicate', grade: { passed: true, score: 3 } });
		expect(again[1]).toMatchObject({ status: 'duplicate' });
		const stolen = await recordEvents(database.db, catalogue, asB, [lesson('e1'), lesson('e2')]);
		expect(stolen[0]).toBeInstanceOf(EventRejected);
		expect((stolen[0] as EventRejected).reason).toBe('id-conflict');
		expect(stolen[1]).toMatchObject({ status: 'created' });
		expect(await count('learning_events')).toBe(3);
		expect(await count('quiz_attempts')).toBe(1);
		expect(writerOf(database.db), 'the thread is still the writer').toBeDefined();
	});

	it('commits concurrent requests once each, and its rollups equal a recomputation', async () => {
		const learners = await Promise.all(
			Array.from({ length: 8 }, async (_, i) => {
				const regionId = `dong-thap-2022:${866 + (i % 4)}`;
				return { regionId, id: (await createLearner(database.db, regionId, null)).id };
			})
		);
		const results = await Promise.all(
			learners.flatMap(({ id, regionId }, i) =>
				[0, 1, 2].map((k) =>
					recordEvents(database.db, catalogue, { learnerId: id, regionId }, [
						lesson(`l${i}-${k}`, 1 + k * 40),
						quiz(`q${i}-${k}`),
						// The same id twice in one request and across requests: stored once.
						lesson(`l${i}-0`)
					])
				)
			)
		);
		const statuses = results.flat().map((r) => (r instanceof EventRejected ? r.reason : r.status));
		expect(statuses.filter((s) => s === 'created')).toHaveLength(8 * 3 * 2);
		expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(8 * 3);
		expect(await count('learning_events')).toBe(48);
		// Catch-up runs in the writer thread, and the main connection reads what it wrote.
		await catchUp(database.db, 100);
		expect(await count('reach_firsts')).toBeGreaterThan(0);
		const v = await verifyRollups(database.db);
		expect(v.firstsWrong + v.monthlyWrong, JSON.stringify(v)).toBe(0);
		expect(writerOf(database.db), 'the thread is still the writer').toBeDefined();
	});

	it('leaves the main connection able to write while it commits one group after another', async () => {
		const regionId = 'dong-thap-2022:868';
		const writers = await Promise.all(
			Array.from({ length: 4 }, async () => (await createLearner(database.db, regionId, null)).id)
		);
		// 4 learners keep the writer busy with 40 batches of 100 events while the main thread signs up
		// 40 new learners on its own connection: every write on both sides succeeds.
		const ingest = Promise.all(
			writers.map(async (learnerId, w) => {
				for (let b = 0; b < 10; b++) {
					const events = Array.from({ length: 100 }, (_, j) => lesson(`busy-${w}-${b}-${j}`));
					const results = await recordEvents(
						database.db,
						catalogue,
						{ learnerId, regionId },
						events
					);
					expect(results.every((r) => !(r instanceof EventRejected))).toBe(true);
				}
			})
		);
		const signUps = (async () => {
			for (let i = 0; i < 40; i++) await createLearner(database.db, regionId, null);
		})();
		await Promise.all([ingest, signUps]);
		expect(await count('learning_events')).toBe(4000);
		expect(await count('learners')).toBe(44);
		expect(writerOf(database.db), 'the thread is still the writer').toBeDefined();
	});

	it('keeps writing when rollup steps in the thread and writes on the main connection interleave', async () => {
		// The rollup step reads before it writes. Deferred, it could not take the write lock once the
		// main connection had committed meanwhile, and libSQL's connection then failed every later write
		// (SQLITE_BUSY): batches on the embedded file now take the lock first.
		const regionId = 'dong-thap-2022:869';
		const { id: learnerId } = await createLearner(database.db, regionId, null);
		for (let round = 0; round < 40; round++) {
			const events = Array.from({ length: 20 }, (_, j) => lesson(`mix-${round}-${j}`, 1 + j));
			await Promise.all([
				recordEvents(database.db, catalogue, { learnerId, regionId }, events),
				catchUp(database.db, 5),
				createLearner(database.db, regionId, null),
				createLearner(database.db, regionId, null)
			]);
		}
		const [last] = await recordEvents(database.db, catalogue, { learnerId, regionId }, [
			lesson('mix-last')
		]);
		expect(last).toMatchObject({ status: 'created' });
		expect(await count('learning_events')).toBe(40 * 20 + 1);
		await catchUp(database.db, 100);
		const v = await verifyRollups(database.db);
		expect(v.firstsWrong + v.monthlyWrong, JSON.stringify(v)).toBe(0);
		expect(writerOf(database.db), 'the thread is still the writer').toBeDefined();
	});

	it('hands writes back to the main thread when it stops', async () => {
		const regionId = 'dong-thap-2022:866';
		const { id } = await createLearner(database.db, regionId, null);
		await writer!.close();
		expect(writerOf(database.db)).toBeUndefined();
		const [result] = await recordEvents(database.db, catalogue, { learnerId: id, regionId }, [
			lesson('after-close')
		]);
		expect(result).toMatchObject({ status: 'created' });
		expect(await count('learning_events')).toBe(1);
	});

	it('is not started for a database in memory', async () => {
		expect(await startWriter({ ...database, url: 'file::memory:' }).then((w) => w === null)).toBe(
			true
		);
	});
});
