import { spawn } from 'node:child_process';
import { by } from './counted.test-helper';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildCatalogue } from '../content/catalogue';
import { validCourse } from '../content/fixture.test-helper';
import { openDatabase } from '../db/client';
import { testDatabase } from '../db/test-db.test-helper';
import { createLearner } from '../learner';
import { recordEvents, type EventInput } from './record';
import { syncLessonTags } from './rollups';
import { catchUp, rollupStep } from './step';
import { verifyRollups } from './verify';

/**
 * Several app processes on one libSQL server each run the background step. Two steps can read the same
 * watermark and fold the same range: the second must find everything already counted (tests/remote runs
 * this with two real processes on sqld).
 */
const catalogue = buildCatalogue(validCourse()).catalogue;
let database: Awaited<ReturnType<typeof testDatabase>>;

beforeEach(async () => {
	database = await testDatabase();
	await syncLessonTags(database.db, catalogue);
});
afterEach(() => database.cleanup());

async function learnSome(days: number[]): Promise<void> {
	for (const [i, day] of days.entries()) {
		const regionId = `dong-thap-2022:${866 + (i % 3)}`;
		const { id } = await createLearner(database.db, regionId, null);
		const events: EventInput[] = [day, day - 40, day + 3].map((d, j) => ({
			id: crypto.randomUUID(),
			type: j % 2 ? 'quiz_submitted' : 'lesson_completed',
			course: 'demo',
			lesson: 'first',
			occurredAt: new Date(Date.UTC(2026, 0, 1) + d * 86_400_000),
			...(j % 2 ? { answers: { call: ['b'], signs: ['a', 'b'], otp: ['a'] } } : {})
		})) as EventInput[];
		await recordEvents(database.db, catalogue, by(id, regionId), events);
	}
}

const monthly = () =>
	database.db.all(sql`SELECT * FROM reach_monthly WHERE learners <> 0 ORDER BY 1, 2, 3, 4, 5`);

describe('rollup steps of several processes', () => {
	it('count nothing twice when a step folds a range another step already folded', async () => {
		await learnSome([50, 10, 90, 120, 60]);
		expect(await rollupStep(database.db)).toBe(15);
		const once = await monthly();
		// The second process read the old watermark before the first committed: it folds the same range.
		await database.db.run(sql`UPDATE rollup_state SET last_rowid = 0`);
		expect(await rollupStep(database.db)).toBe(15);
		expect(await monthly()).toEqual(once);
		const v = await verifyRollups(database.db);
		expect(v.firstsWrong + v.monthlyWrong, JSON.stringify(v)).toBe(0);
	});

	it('equal a recomputation when two connections catch up at the same time', async () => {
		const other = await openDatabase(database.url);
		try {
			await learnSome([5, 80, 33]);
			const first = Promise.all([catchUp(database.db), catchUp(other.db)]);
			await learnSome([2, 70]);
			await first;
			await Promise.all([catchUp(other.db), catchUp(database.db)]);
			const v = await verifyRollups(database.db);
			expect(v.firstsWrong + v.monthlyWrong, JSON.stringify(v)).toBe(0);
			expect(v.firstsChecked).toBeGreaterThan(0);
		} finally {
			other.client.close();
		}
	});
});

/** Another process on the same file (a `reach:rebuild` or `db:seed` while the app runs): commits for a while. */
const otherProcess = `
import { createClient } from '@libsql/client';
const client = createClient({ url: process.argv[1], concurrency: 1 });
await client.execute('PRAGMA busy_timeout = 5000');
const until = Date.now() + Number(process.argv[2]);
for (let n = 0; Date.now() < until; n++) {
	await client.batch([{ sql: "INSERT INTO rate_limits (key, window_start, count) VALUES (?, 0, 1) ON CONFLICT (key) DO UPDATE SET count = count + 1", args: ['other-' + (n % 50)] }], 'write');
}`;

describe('two processes writing one embedded file', () => {
	it('keep writing when rollup steps here interleave with commits of another process', async () => {
		// The rollup step reads before it writes. A deferred batch could not take the write lock once the
		// other process had committed meanwhile (SQLITE_BUSY, not waited for), and libSQL's connection then
		// failed every later write: batches on the embedded file take the lock first (see db/client.ts).
		const regionId = 'dong-thap-2022:869';
		const { id: learnerId } = await createLearner(database.db, regionId, null);
		const seconds = 3;
		const child = spawn(
			process.execPath,
			['--input-type=module', '-e', otherProcess, database.url, String(seconds * 1000)],
			{ stdio: ['ignore', 'ignore', 'inherit'] }
		);
		const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
		const failures: unknown[] = [];
		let rounds = 0;
		for (const until = Date.now() + seconds * 1000; Date.now() < until; rounds++) {
			const events: EventInput[] = Array.from({ length: 20 }, (_, j) => ({
				id: crypto.randomUUID(),
				type: 'lesson_completed',
				course: 'demo',
				lesson: 'first',
				occurredAt: new Date(Date.UTC(2026, 0, 1 + ((rounds * 7 + j) % 300)))
			}));
			await recordEvents(database.db, catalogue, by(learnerId, regionId), events).catch((e) =>
				failures.push(e)
			);
			await catchUp(database.db, 5).catch((e) => failures.push(e));
		}
		expect(await exited).toBe(0);
		expect(failures.map(String)).toEqual([]);
		const [other] = (await database.db.all(
			sql`SELECT count(*) AS n FROM rate_limits WHERE key LIKE 'other-%'`
		)) as { n: number }[];
		expect(other!.n, 'the other process committed too').toBeGreaterThan(0);
		await catchUp(database.db, 1_000);
		const v = await verifyRollups(database.db);
		expect(v.firstsWrong + v.monthlyWrong, JSON.stringify(v)).toBe(0);
	}, 30_000);
});
