/** Reach bench parts 1 and 1b: plain event rows, and the API's recordEvents, both in-process. */
import { catalogue, fresh, lessons, open, ownCpuMs, type Rate } from './reach-common.ts';

/** 1. Plain INSERTs of event rows, 100 per transaction, into the migrated schema. */
export async function rawInsertRate(count: number): Promise<Rate> {
	const client = await open(fresh('raw.db'));
	await client.execute(
		"INSERT INTO learners (id, region_id, consented_at, created_at) VALUES ('raw-learner', 'dong-thap-2026:29869', 0, 0)"
	);
	const started = performance.now();
	const cpuStarted = ownCpuMs();
	for (let i = 0; i < count; i += 100) {
		const statements = Array.from({ length: Math.min(100, count - i) }, (_, j) => {
			const l = lessons[(i + j) % lessons.length]!;
			return {
				sql: 'INSERT INTO learning_events (id, learner_id, type, region_id, course_slug, lesson_slug, occurred_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
				args: [
					crypto.randomUUID(),
					'raw-learner',
					'lesson_completed',
					'dong-thap-2026:29869',
					l.course,
					l.lesson,
					Date.now(),
					Date.now()
				]
			};
		});
		await client.batch(statements, 'write');
	}
	const rate = count / ((performance.now() - started) / 1000);
	const cpuMsPerThousand = ((ownCpuMs() - cpuStarted) / count) * 1000;
	client.close();
	return { rate, cpuMsPerThousand };
}

/**
 * 1b. The same writes and checks the API makes (recordEvents: events, checks, attribution, progress),
 * in-process, no HTTP: batches of 100 from 200 learners in turn, as the HTTP part sends them.
 */
export async function inProcessRecordRate(count: number): Promise<number> {
	const url = fresh('record.db');
	await open(url).then((c) => c.close());
	const { openDatabase } = await import('../../src/lib/server/db/client.ts');
	const { recordEvents } = await import('../../src/lib/server/reach/record.ts');
	const database = await openDatabase(url);
	const learners = Array.from({ length: 200 }, (_, n) => `rec-learner-${n}`);
	for (const id of learners)
		await database.client.execute({
			sql: "INSERT INTO learners (id, region_id, consented_at, created_at) VALUES (?, 'dong-thap-2026:29869', 0, 0)",
			args: [id]
		});
	const started = performance.now();
	for (let i = 0; i < count; i += 100) {
		const events = Array.from({ length: Math.min(100, count - i) }, (_, j) => {
			const l = lessons[(i + j) % lessons.length]!;
			return {
				id: crypto.randomUUID(),
				type: 'lesson_completed' as const,
				course: l.course,
				lesson: l.lesson,
				occurredAt: new Date()
			};
		});
		await recordEvents(
			database.db,
			catalogue,
			{
				learnerId: learners[(i / 100) % learners.length]!,
				regionId: 'dong-thap-2026:29869',
				createdAt: new Date(0),
				via: 'form'
			},
			events
		);
	}
	const rate = count / ((performance.now() - started) / 1000);
	database.client.close();
	return rate;
}
