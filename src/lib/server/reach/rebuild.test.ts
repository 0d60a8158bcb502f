import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { by } from './counted.test-helper';
import { sql } from 'drizzle-orm';
import { buildCatalogue } from '../content/catalogue';
import { validCourse } from '../content/fixture.test-helper';
import { openDatabase } from '../db/client';
import { testDatabase } from '../db/test-db.test-helper';
import { createLearner } from '../learner';
import { definitionVersion } from './definition';
import {
	keepDefinitionCurrent,
	rebuildInBackground,
	rebuildNextChunk,
	rebuildProgress,
	startRebuild
} from './rebuild';
import { recordEvents, type EventInput } from './record';
import { syncLessonTags } from './rollups';
import { catchUp } from './step';
import { verifyRollups } from './verify';

const catalogue = buildCatalogue(validCourse()).catalogue;
let database: Awaited<ReturnType<typeof testDatabase>>;

beforeEach(async () => {
	database = await testDatabase();
	await syncLessonTags(database.db, catalogue);
});
afterEach(() => database.cleanup());

const event = (day: number, quiz: boolean): EventInput =>
	quiz
		? {
				id: crypto.randomUUID(),
				type: 'quiz_submitted',
				course: 'demo',
				lesson: 'first',
				occurredAt: new Date(Date.UTC(2025, 0, 1) + day * 86_400_000),
				answers: { call: ['b'], signs: ['a', 'b'], otp: ['a'] }
			}
		: {
				id: crypto.randomUUID(),
				type: 'lesson_completed',
				course: 'demo',
				lesson: 'first',
				occurredAt: new Date(Date.UTC(2025, 0, 1) + day * 86_400_000)
			};

async function learners(n: number, from = 0): Promise<void> {
	for (let i = from; i < from + n; i++) {
		const regionId = `dong-thap-2022:${866 + (i % 4)}`;
		const { id } = await createLearner(database.db, regionId, null);
		await recordEvents(database.db, catalogue, by(id, regionId), [
			event(i * 3, false),
			event(i * 3 + 40, i % 2 === 0)
		]);
	}
	await catchUp(database.db, 1_000);
}

const state = async () =>
	(
		(await database.db.all(
			sql`SELECT definition_version AS version, rebuild_version AS rebuilding FROM rollup_state WHERE id = 1`
		)) as { version: number; rebuilding: number | null }[]
	)[0];
const monthly = () => database.db.all(sql`SELECT * FROM reach_monthly ORDER BY 1, 2, 3, 4, 5`);
const exact = async () => {
	const v = await verifyRollups(database.db);
	return v.firstsWrong + v.monthlyWrong === 0 && v.firstsChecked > 0;
};

describe('the definition version of the rollups', () => {
	it('is stored with the rollups: a fresh database starts on the current definition', async () => {
		expect((await keepDefinitionCurrent(database.db)).rebuilt).toBeNull();
		expect(await state()).toEqual({ version: definitionVersion, rebuilding: null });
		await learners(3);
		expect((await keepDefinitionCurrent(database.db)).rebuilt).toBeNull();
	});

	it('when it changes, rebuilds the rollups in the background: start-up returns at once', async () => {
		await learners(12);
		const before = await monthly();
		// Rollups written under an older definition.
		await database.db.run(
			sql`UPDATE rollup_state SET definition_version = ${definitionVersion - 1}`
		);
		const { rebuilt } = await keepDefinitionCurrent(database.db);
		// Start-up has returned and the rebuild has not begun: it starts on the next turn.
		expect(await rebuildProgress(database.db)).toEqual({ done: 0, total: 12 });
		expect(await database.db.all(sql`SELECT * FROM reach_monthly`)).toEqual([]);
		await rebuilt;
		expect(await state()).toEqual({ version: definitionVersion, rebuilding: null });
		expect(await monthly()).toEqual(before);
		expect(await exact()).toBe(true);
	});

	it('goes on chunk by chunk while events arrive, and resumes after a restart', async () => {
		await learners(9);
		await database.db.run(
			sql`UPDATE rollup_state SET definition_version = ${definitionVersion - 1}`
		);
		await startRebuild(database.db);
		// Two chunks of 3, then the process stops; learning goes on meanwhile.
		expect(await rebuildNextChunk(database.db, 3)).toBe(true);
		await learners(4, 100);
		expect(await rebuildNextChunk(database.db, 3)).toBe(true);
		const partway = await rebuildProgress(database.db);
		expect(partway!.done).toBeGreaterThanOrEqual(6);
		expect(partway!.total).toBe(13);
		// A restart picks the rebuild up where it stopped.
		const { rebuilt } = await keepDefinitionCurrent(database.db);
		expect(rebuilt).not.toBeNull();
		await rebuilt;
		await catchUp(database.db);
		expect(await state()).toEqual({ version: definitionVersion, rebuilding: null });
		expect(await exact()).toBe(true);
	});

	it('counts nothing twice when two processes rebuild at once', async () => {
		await learners(10);
		const before = await monthly();
		const other = await openDatabase(database.url);
		try {
			await startRebuild(database.db);
			// Each connection reads the progress the other one left and rebuilds the next chunk.
			await Promise.all([
				rebuildInBackground(database.db, 2),
				rebuildInBackground(other.db, 3),
				rebuildInBackground(database.db, 2)
			]);
		} finally {
			other.client.close();
		}
		expect(await rebuildProgress(database.db)).toBeNull();
		expect(await monthly()).toEqual(before);
		expect(await exact()).toBe(true);
	});

	it('never rebuilds down to an older definition (a node left on an old build)', async () => {
		await learners(2);
		await database.db.run(
			sql`UPDATE rollup_state SET definition_version = ${definitionVersion + 1}`
		);
		expect((await keepDefinitionCurrent(database.db)).rebuilt).toBeNull();
		expect(await state()).toEqual({ version: definitionVersion + 1, rebuilding: null });
	});
});
