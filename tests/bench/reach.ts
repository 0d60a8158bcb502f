/**
 * `npm run bench`: the platform's speed figures, printed in one run (loopback only, bounded in time).
 *
 * 1. Raw in-process libSQL insert rate of learning events on the real schema (100-row transactions),
 *    measured before and after 2, with its CPU time per 1,000 events: what the disk allows, for context.
 * 2. Event ingest through the HTTP API (`node build`, one connection to the file, batches of 100 over 8
 *    HTTP connections): events/s, the server's CPU time per 1,000 events (steadier than rates on a shared
 *    machine), its peak memory, and how long the background rollup step took to catch up.
 * 3. Dashboard response time (GET /dashboard as an admin, p50/p95) on a synthetic province at a small
 *    and at the full size (defaults: 200,000 and 20,000,000 events; 2,000,000 learners
 *    and 5 years, over the 102 communes and wards), and the ratio of the two p95s.
 * 4. A change of the definition of reach on the full province: how soon the server listens, how long
 *    the background rebuild takes, and /healthz latency while it runs.
 * 5. Peak memory (VmHWM) of the server process.
 * 6. The JavaScript a first visit to the dashboard downloads (gzip), as a browser fetches it.
 *
 * Needs `npm run build` first. Sizes: BENCH_LEARNERS, BENCH_EVENTS, BENCH_SMALL_EVENTS, BENCH_HTTP_EVENTS.
 * BENCH_PORT picks the server's loopback port (default 4391); BENCH_ONLY=ingest stops after part 2,
 * BENCH_ONLY=dashboard measures part 3 only (with BENCH_REUSE=1: both provinces again, one build);
 * BENCH_BUILD runs another build of the server (default build); BENCH_CPU_PROF=dir profiles the server.
 */
import { run, serverEnv } from '../process.ts';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { buildCatalogue } from '../../src/lib/server/content/catalogue.ts';
import { readContentDir } from '../../src/lib/server/content/read-dir.ts';
import { communeIds } from '../places.ts';
import { generateProvince } from '../province.ts';
import { signIn } from '../stress/harness.ts';
import { firstVisitJs } from './page-js.ts';

const learnersFull = Number(process.env.BENCH_LEARNERS ?? 2_000_000);
const eventsFull = Number(process.env.BENCH_EVENTS ?? 20_000_000);
const eventsSmall = Number(process.env.BENCH_SMALL_EVENTS ?? 200_000);
const httpEvents = Number(process.env.BENCH_HTTP_EVENTS ?? 50_000);
const dir = process.env.BENCH_DIR ?? 'tests/.tmp/bench';
const port = Number(process.env.BENCH_PORT ?? 4391);
const serverBuild = process.env.BENCH_BUILD ?? 'build';
const origin = `http://127.0.0.1:${port}`;
const adminPassword = 'bench admin password';

const catalogue = buildCatalogue(readContentDir('content')).catalogue;
const lessons = catalogue.courses.flatMap((c) =>
	c.lessons.map((l) => ({ course: c.slug, lesson: l.slug, quiz: l.quiz }))
);

function fresh(name: string): string {
	const path = join(dir, name);
	rmSync(path, { force: true });
	rmSync(`${path}-wal`, { force: true });
	rmSync(`${path}-shm`, { force: true });
	return `file:${path}`;
}

async function open(url: string): Promise<Client> {
	run('npm', ['run', '-s', 'db:seed'], { DATABASE_URL: url });
	const client = createClient({ url, concurrency: 1 });
	await client.execute('PRAGMA journal_mode = WAL');
	await client.execute('PRAGMA synchronous = FULL');
	return client;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const percentile = (xs: number[], p: number) =>
	[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** CPU time of this process in ms (user + system). */
const ownCpuMs = () => {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
};

/** CPU time of another process in ms, from /proc (clock ticks of 10 ms). */
function cpuMsOf(child: ChildProcess): number {
	const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

type Rate = { rate: number; cpuMsPerThousand: number };

/** 1. Plain INSERTs of event rows, 100 per transaction, into the migrated schema. */
async function rawInsertRate(count: number): Promise<Rate> {
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
async function inProcessRecordRate(count: number): Promise<number> {
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

// A failed step must not leave its server holding the port for the next run.
const servers = new Set<ChildProcess>();
process.on('exit', () => servers.forEach((server) => server.kill()));

function startServer(url: string): Promise<ChildProcess> {
	const profile = process.env.BENCH_CPU_PROF;
	const args = [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), serverBuild];
	const server = spawn('node', args, {
		// Every batch comes from one loopback address: the per-address event limit would measure
		// itself, not the ingest path.
		env: serverEnv(url, port),
		stdio: ['ignore', 'pipe', 'inherit']
	});
	servers.add(server);
	return new Promise((resolve, reject) => {
		server.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('Listening')) resolve(server);
		});
		server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
	});
}

function peakMemoryMb(server: ChildProcess): number {
	const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
	return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function cookieFor(
	path: string,
	form: Record<string, string>,
	name: string
): Promise<string> {
	const response = await fetch(`${origin}${path}`, {
		method: 'POST',
		body: new URLSearchParams(form),
		headers: { origin, accept: 'text/html' },
		redirect: 'manual'
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
	if (!cookie) throw new Error(`no ${name} cookie from ${path} (${response.status})`);
	return cookie.split(';')[0]!;
}

/**
 * 2. Batches of 100 events from 200 learners, over 8 connections at once: for each lesson an opening,
 * a completion and a quiz, as the outbox sends them. Every event is dated after its learner was made
 * (an earlier one is refused as "before-learner"), so all of them pass through the checks.
 */
async function httpIngestRate(
	count: number,
	server: ChildProcess
): Promise<Rate & { clientCpuMsPerThousand: number }> {
	const learners = await Promise.all(
		Array.from({ length: 200 }, (_, i) =>
			cookieFor('/start', { region: communeIds[i % communeIds.length]!, next: '/' }, 'learner')
		)
	);
	const made = Date.now();
	let sent = 0;
	const started = performance.now();
	const [serverCpu, clientCpu] = [cpuMsOf(server), ownCpuMs()];
	const kinds = ['lesson_opened', 'lesson_completed', 'quiz_submitted'] as const;
	const worker = async (w: number) => {
		for (let b = w; sent < count; b += 8) {
			const size = Math.min(100, count - sent);
			sent += size;
			const events = Array.from({ length: size }, (_, j) => {
				const n = b * 100 + j;
				const l = lessons[Math.floor(n / 3) % lessons.length]!;
				const type = kinds[n % 3]!;
				// Opened at once, finished when the batch goes (seconds to minutes later in a real run).
				const occurredAt = type === 'lesson_opened' ? made : Date.now() - 1;
				const event = {
					id: crypto.randomUUID(),
					type,
					course: l.course,
					lesson: l.lesson,
					occurredAt
				};
				return type === 'quiz_submitted'
					? {
							...event,
							answers: Object.fromEntries(l.quiz.questions.map((q) => [q.id, q.correct]))
						}
					: event;
			});
			const response = await fetch(`${origin}/api/events`, {
				method: 'POST',
				body: JSON.stringify({ events }),
				headers: {
					'content-type': 'application/json',
					cookie: learners[b % learners.length]!,
					origin
				}
			});
			if (response.status !== 200)
				throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
		}
	};
	await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
	const rate = count / ((performance.now() - started) / 1000);
	return {
		rate,
		cpuMsPerThousand: ((cpuMsOf(server) - serverCpu) / count) * 1000,
		clientCpuMsPerThousand: ((ownCpuMs() - clientCpu) / count) * 1000
	};
}

/** How long after the last acknowledged event the background rollup step has folded them all in. */
async function rollupLagMs(url: string): Promise<number> {
	const client = createClient({ url });
	const started = performance.now();
	for (;;) {
		const { rows } = await client.execute(
			'SELECT (SELECT coalesce(max(rowid), 0) FROM learning_events) - coalesce((SELECT last_rowid FROM rollup_state WHERE id = 1), 0) AS pending'
		);
		if (Number(rows[0]!.pending) <= 0) break;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	client.close();
	return performance.now() - started;
}

/** A synthetic province generated inside the database, then its rollups built from the raw events. */
async function generate(
	url: string,
	learners: number,
	events: number
): Promise<{ generateMs: number; rollupMs: number; verifyMs: number }> {
	const client = await open(url);
	const started = performance.now();
	await generateProvince(client, learners, events, (done) =>
		process.stdout.write(`\r  generated ${fmt(done)} of ${fmt(events)} events`)
	);
	process.stdout.write('\n');
	const generateMs = performance.now() - started;
	client.close();
	// reach:rebuild recomputes the rollups, then verifies them (a second recomputation): both timed.
	const out = run('npm', ['run', '-s', 'reach:rebuild'], { DATABASE_URL: url });
	const ms = (pattern: RegExp) => Number(pattern.exec(out)?.[1] ?? NaN);
	return {
		generateMs,
		rollupMs: ms(/recomputed from raw events in (\d+) ms/),
		verifyMs: ms(/monthly counts recomputed in (\d+) ms/)
	};
}

/** 3. GET /dashboard as an admin, `count` times, one after the other. */
async function dashboardTimes(
	url: string,
	label: string,
	count = 40
): Promise<{
	p50: number;
	p95: number;
	server: ChildProcess;
	js: { files: number; bytes: number };
}> {
	// Exits 1 when the admin exists already (a reused province): that is fine here.
	// One admin per province: each keeps its own two-step secret (tests/.tmp/authenticators.json).
	const admin = `bench-admin-${label}`;
	spawnSync('npm', ['run', '-s', 'admin:create', '--', admin], {
		env: { ...process.env, DATABASE_URL: url },
		input: `${adminPassword}\n`
	});
	const server = await startServer(url);
	// Enrolled in two-step verification on the first run; a reused province signs in with a code.
	const session = await signIn(admin, adminPassword, origin);
	const times: number[] = [];
	for (let i = 0; i < count + 3; i++) {
		const t0 = performance.now();
		const response = await fetch(
			`${origin}/dashboard?period=${['month', 'quarter', 'year'][i % 3]}`,
			{ headers: { cookie: session } }
		);
		if (response.status !== 200) throw new Error(`dashboard answered ${response.status}`);
		await response.text();
		if (i >= 3) times.push(performance.now() - t0);
	}
	const js = await firstVisitJs(`${origin}/dashboard`, session);
	return { p50: percentile(times, 50), p95: percentile(times, 95), server, js };
}

/** 4. The stored rollups follow an older definition: start the server and time the background rebuild. */
async function definitionChange(url: string) {
	const client = createClient({ url });
	await client.execute('UPDATE rollup_state SET definition_version = definition_version - 1');
	const started = performance.now();
	const server = await startServer(url);
	const listeningMs = performance.now() - started;
	const times: number[] = [];
	for (;;) {
		const t0 = performance.now();
		await (await fetch(`${origin}/healthz`)).text();
		times.push(performance.now() - t0);
		const { rows } = await client.execute('SELECT rebuild_version FROM rollup_state WHERE id = 1');
		if (rows[0]?.[0] === null) break;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	const rebuildMs = performance.now() - started;
	const memory = peakMemoryMb(server);
	server.kill();
	client.close();
	return {
		listeningMs,
		rebuildMs,
		p50: percentile(times, 50),
		p99: percentile(times, 99),
		probes: times.length,
		memory
	};
}

// `npm run bench` then measures the pages (tests/bench/pages.ts); BENCH_ONLY=pages skips this part.
if (process.env.BENCH_ONLY === 'pages') process.exit(0);
mkdirSync(dir, { recursive: true });
console.log(
	`Benchmark on ${process.env.HOSTNAME ?? 'this machine'} (Node ${process.version}); sizes: ${fmt(learnersFull)} learners, ${fmt(eventsFull)} / ${fmt(eventsSmall)} events.`
);

const only = process.env.BENCH_ONLY;
let ingestMemory = 0;
if (only !== 'dashboard') {
	// The plain-row baseline is measured before and after the HTTP run and averaged, so that both sides
	// of the ratio saw the same (shared, noisy) machine.
	const rawCount = Math.min(httpEvents, 50_000);
	const rawBefore = await rawInsertRate(rawCount);
	const sameWrites = await inProcessRecordRate(Math.min(httpEvents, 30_000));
	console.log(
		`in-process recordEvents (the API's own writes, no HTTP): ${fmt(sameWrites)} events/s`
	);

	const ingestDb = fresh('ingest.db');
	run('npm', ['run', '-s', 'db:seed'], { DATABASE_URL: ingestDb });
	const ingestServer = await startServer(ingestDb);
	const http = await httpIngestRate(httpEvents, ingestServer);
	const lag = await rollupLagMs(ingestDb);
	ingestMemory = peakMemoryMb(ingestServer);
	ingestServer.kill();
	const rawAfter = await rawInsertRate(rawCount);
	const raw = (rawBefore.rate + rawAfter.rate) / 2;
	console.log(
		`raw in-process insert (plain event rows, 100 per transaction): ${fmt(raw)} events/s (before ${fmt(rawBefore.rate)}, after ${fmt(rawAfter.rate)}); CPU ${((rawBefore.cpuMsPerThousand + rawAfter.cpuMsPerThousand) / 2).toFixed(0)} ms per 1,000 events`
	);
	console.log(
		`HTTP batched ingest (8 connections, one database connection): ${fmt(http.rate)} events/s (${(http.rate / raw).toFixed(2)} of plain rows, ${(http.rate / sameWrites).toFixed(2)} of the API's writes in-process); ` +
			`server CPU ${http.cpuMsPerThousand.toFixed(0)} ms per 1,000 events (load generator ${http.clientCpuMsPerThousand.toFixed(0)} ms); ` +
			`rollups caught up ${seconds(lag)} after the last answer; server peak RSS while ingesting ${fmt(httpEvents)} events: ${fmt(ingestMemory)} MB`
	);
}

if (only === 'ingest') process.exit(0);

const results: {
	label: string;
	p50: number;
	p95: number;
	memory: number;
	js: { files: number; bytes: number };
}[] = [];
for (const [label, learners, events] of [
	['small', Math.max(1, Math.round((learnersFull * eventsSmall) / eventsFull)), eventsSmall],
	['full', learnersFull, eventsFull]
] as const) {
	// BENCH_REUSE=1 measures an already generated province again (generation at full size takes minutes).
	const reuse = process.env.BENCH_REUSE === '1';
	const url = reuse ? `file:${join(dir, `province-${label}.db`)}` : fresh(`province-${label}.db`);
	const { generateMs, rollupMs, verifyMs } = reuse
		? { generateMs: 0, rollupMs: 0, verifyMs: 0 }
		: await generate(url, learners, events);
	const { p50, p95, server, js } = await dashboardTimes(url, label);
	const memory = peakMemoryMb(server);
	server.kill();
	results.push({ label, p50, p95, memory, js });
	console.log(
		`${fmt(events)} events, ${fmt(learners)} learners: generated in ${seconds(generateMs)}, rollups built in ${seconds(rollupMs)} and verified in ${seconds(verifyMs)}; ` +
			`dashboard p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; server peak RSS ${fmt(memory)} MB`
	);
}
const [small, full] = results as [(typeof results)[0], (typeof results)[0]];
// The background rebuild after a definition change (skipped with BENCH_ONLY=dashboard).
const change =
	only === 'dashboard' ? null : await definitionChange(`file:${join(dir, 'province-full.db')}`);
if (change)
	console.log(
		`definition change on the full province: server listening after ${fmt(change.listeningMs)} ms, rollups rebuilt in the background in ${seconds(change.rebuildMs)}; ` +
			`/healthz p50 ${change.p50.toFixed(1)} ms, p99 ${change.p99.toFixed(1)} ms meanwhile (${fmt(change.probes)} probes); server peak RSS ${fmt(change.memory)} MB`
	);
console.log(
	`dashboard p95 ratio (full / small): ${(full.p95 / small.p95).toFixed(2)} (target ≤ 1.5)`
);
console.log(
	`dashboard JavaScript on a first visit: ${fmt(full.js.bytes)} bytes gzip in ${full.js.files} files`
);
console.log(
	`peak server memory: ${fmt(Math.max(ingestMemory, change?.memory ?? 0, ...results.map((r) => r.memory)))} MB (target < 300 MB)`
);
