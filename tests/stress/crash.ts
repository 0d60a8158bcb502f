/**
 * Crash durability: concurrent clients send batches of events while the server is killed with SIGKILL
 * at random moments, then restarted on the same database file. After each kill every acknowledged
 * event is stored, nothing is stored twice or half (attempts, answers, progress, attribution), and
 * after each restart the server's own catch-up leaves rollups equal to a recomputation from raw events.
 * Batches that were not acknowledged are sent again after the restart, as the offline outbox does.
 */
import { openDatabase } from '../../src/lib/server/db/client.ts';
import { verifyRollups } from '../../src/lib/server/reach/verify.ts';
import {
	eventFor,
	fmt,
	freshDatabase,
	lessons,
	openClient,
	origin,
	prng,
	requireBuild,
	rollupsCaughtUp,
	scalar,
	startServer,
	type Server
} from './harness.ts';
import { makeStaff, newLearners } from './harness-people.ts';
import type { Client } from '@libsql/client';

interface Batch {
	cookie: string;
	body: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const questionsOf = new Map(
	lessons.map((l) => [`${l.course}/${l.lesson}`, l.quiz.questions.length])
);

/** With the server down: what was acknowledged is there, once, whole. */
async function checkStored(db: Client, acknowledged: Set<string>): Promise<string[]> {
	const problems: string[] = [];
	const ids = new Set(
		(await db.execute('SELECT id FROM learning_events')).rows.map((r) => String(r[0]))
	);
	const missing = [...acknowledged].filter((id) => !ids.has(id));
	if (missing.length)
		problems.push(`${missing.length} acknowledged events missing, e.g. ${missing[0]}`);
	const twice = await scalar(
		db,
		`SELECT (SELECT count(*) - count(DISTINCT id) FROM learning_events)
			+ (SELECT count(*) - count(DISTINCT id) FROM quiz_attempts)
			+ (SELECT count(*) - count(DISTINCT attempt_id || '/' || question_id) FROM quiz_answers)
			+ (SELECT count(*) - count(DISTINCT event_id || '/' || campaign_id) FROM event_campaigns)`
	);
	if (twice) problems.push(`${twice} rows stored twice`);
	const unmatched = await scalar(
		db,
		`SELECT (SELECT count(*) FROM learning_events e WHERE e.type = 'quiz_submitted' AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.id = e.id))
			+ (SELECT count(*) FROM quiz_attempts a WHERE NOT EXISTS (SELECT 1 FROM learning_events e WHERE e.id = a.id))
			+ (SELECT count(*) FROM (SELECT DISTINCT learner_id, course_slug, lesson_slug FROM learning_events) k
				WHERE NOT EXISTS (SELECT 1 FROM lesson_progress p WHERE p.learner_id = k.learner_id AND p.course_slug = k.course_slug AND p.lesson_slug = k.lesson_slug))`
	);
	if (unmatched) problems.push(`${unmatched} events without their attempt or progress row`);
	const answers = await db.execute(
		`SELECT a.course_slug, a.lesson_slug, count(DISTINCT a.id), count(q.attempt_id)
			FROM quiz_attempts a LEFT JOIN quiz_answers q ON q.attempt_id = a.id GROUP BY 1, 2`
	);
	for (const row of answers.rows) {
		const [course, lesson, attempts, rows] = [row[0], row[1], row[2], row[3]];
		const expected = Number(attempts) * (questionsOf.get(`${course}/${lesson}`) ?? 0);
		if (Number(rows) !== expected) {
			problems.push(`${course}/${lesson}: ${rows} answer rows for ${attempts} attempts`);
		}
	}
	return problems;
}

/** With the server up and idle: its catch-up is done and the rollups equal the recomputation. */
async function checkRollups(url: string): Promise<{ problems: string[]; checked: number }> {
	const database = await openDatabase(url);
	try {
		const caughtUp = await rollupsCaughtUp(database.client);
		const v = await verifyRollups(database.db);
		const problems = caughtUp ? [] : ['the rollups did not catch up within 60 s'];
		if (v.firstsWrong || v.monthlyWrong) {
			problems.push(
				`rollups differ: ${v.firstsWrong} first-days, ${v.monthlyWrong} monthly counts`
			);
		}
		return { problems, checked: v.firstsChecked + v.monthlyChecked };
	} finally {
		database.client.close();
	}
}

export async function crashTest(short: boolean) {
	requireBuild();
	const kills = Number(process.env.STRESS_KILLS ?? (short ? 3 : 10));
	const clients = Number(process.env.STRESS_CRASH_CLIENTS ?? 8);
	const seed = Number(process.env.STRESS_SEED ?? 355);
	const random = prng(seed);
	const url = freshDatabase('crash');
	const db = await openClient(url);
	let server: Server = await startServer(url);
	try {
		// Some learners join a campaign, so attribution rows are among what must survive.
		const staff = await makeStaff(db);
		const learners = await newLearners(48);
		for (const cookie of learners) {
			await fetch(`${origin}/join/${staff.campaignCode}`, {
				headers: { cookie },
				redirect: 'manual'
			});
		}
		const acknowledged = new Set<string>();
		let pending: Batch[] = [];
		let serial = 0;
		let sentAgain = 0;
		let duplicates = 0;
		const cutButStored = new Set<string>();
		let events = 0;
		let rollupRows = 0;
		const problems: string[] = [];

		const newBatch = (): Batch => {
			const n = serial++;
			const size = 1 + random.int(20);
			const events = Array.from({ length: size }, (_, j) =>
				// Half happen now (after the campaign joins, so they are attributed), half earlier.
				eventFor(lessons[random.int(lessons.length)]!, n * 20 + j, j % 2 ? Date.now() : undefined)
			);
			return { cookie: random.pick(learners), body: JSON.stringify({ events }) };
		};

		for (let round = 0; round <= kills; round++) {
			const rollups = await checkRollups(url);
			problems.push(...rollups.problems.map((p) => `after restart ${round}: ${p}`));
			rollupRows = rollups.checked;
			if (problems.length) break;

			const resend = pending;
			pending = [];
			sentAgain += resend.length;
			let sending = true;
			let failures = 0;
			const worker = async () => {
				for (;;) {
					const batch = resend.shift() ?? (sending ? newBatch() : pending.shift());
					if (!batch) return;
					try {
						const response = await fetch(`${origin}/api/events`, {
							method: 'POST',
							body: batch.body,
							headers: { 'content-type': 'application/json', origin, cookie: batch.cookie }
						});
						const text = await response.text();
						if (response.status === 429) {
							// A limit, not a failure: wait as long as the server says, and send it again.
							pending.push(batch);
							await sleep(1000 * Math.max(1, Number(response.headers.get('retry-after')) || 1));
							continue;
						}
						if (response.status !== 200) {
							problems.push(`ingest answered ${response.status}: ${text.slice(0, 200)}`);
							sending = false;
							return;
						}
						for (const r of (JSON.parse(text) as { results: { id: string; status: string }[] })
							.results) {
							if (r.status === 'created' || r.status === 'duplicate') acknowledged.add(r.id);
							if (r.status === 'duplicate') duplicates++;
							if (r.status === 'rejected') problems.push(`event rejected: ${JSON.stringify(r)}`);
						}
					} catch {
						// The server died under this request: not acknowledged, so it is sent again later.
						pending.push(batch);
						if (round < kills) return;
						if (++failures > 100) {
							problems.push('the server stopped answering in the last round');
							return;
						}
						await sleep(50);
					}
				}
			};
			const workers = Array.from({ length: clients }, () => worker());
			await sleep(300 + random.int(1700));
			if (round < kills) {
				server.process.kill('SIGKILL');
				sending = false;
				await server.exited;
				await Promise.all(workers);
				pending = [...resend, ...pending];
			} else {
				sending = false;
				await Promise.all(workers);
				const final = await checkRollups(url);
				problems.push(...final.problems.map((p) => `at the end: ${p}`));
				rollupRows = final.checked;
				await server.stop();
			}
			for (const row of (await db.execute('SELECT id FROM learning_events')).rows) {
				if (!acknowledged.has(String(row[0]))) cutButStored.add(String(row[0]));
			}
			console.log(`  round ${round + 1}: ${fmt(acknowledged.size - events)} events acknowledged`);
			events = acknowledged.size;
			problems.push(
				...(await checkStored(db, acknowledged)).map((p) => `after kill ${round + 1}: ${p}`)
			);
			if (problems.length) break;
			if (round < kills) server = await startServer(url);
		}

		const stored = await scalar(db, 'SELECT count(*) FROM learning_events');
		console.log(
			`crash: ${kills} kills (SIGKILL) during ingest by ${clients} clients, seed ${seed}`
		);
		console.log(
			`  events acknowledged ${fmt(acknowledged.size)}, stored ${fmt(stored)}; ${fmt(sentAgain)} unacknowledged batches sent again after restarts`
		);
		console.log(
			`  events stored but killed before their acknowledgement: ${fmt(cutButStored.size)}, all acknowledged as "duplicate" when sent again: ${[...cutButStored].every((id) => acknowledged.has(id))} (${fmt(duplicates)} duplicate answers)`
		);
		console.log(
			`  attempts ${fmt(await scalar(db, 'SELECT count(*) FROM quiz_attempts'))}, answers ${fmt(await scalar(db, 'SELECT count(*) FROM quiz_answers'))}, attributions ${fmt(await scalar(db, 'SELECT count(*) FROM event_campaigns'))}; rollup rows recomputed and equal: ${fmt(rollupRows)}`
		);
		if (stored !== acknowledged.size)
			problems.push(`stored ${stored} ≠ acknowledged ${acknowledged.size}`);
		if (problems.length) throw new Error(`crash test failed:\n${problems.slice(0, 20).join('\n')}`);
		return { kills, acknowledged: acknowledged.size, stored, sentAgain, duplicates, rollupRows };
	} finally {
		db.close();
		await server.stop();
	}
}
