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
 *    3b. The small province again, with 2% of its learners held in bursts, 1% of completions held as too
 *    fast, 2022–2025 closed and 2% more learners arriving late with learning of 2025: the dashboard p50/p95 of both
 *    files, alternating in one run (issue 15: the evidence figures must not slow the dashboard).
 * 4. A change of the definition of reach on the full province: how soon the server listens, how long
 *    the background rebuild takes, and /healthz latency while it runs.
 * 5. Peak memory (VmHWM) of the server process.
 * 6. The JavaScript a first visit to the dashboard downloads (gzip), as a browser fetches it.
 *
 * Needs `npm run build` first. Sizes: BENCH_LEARNERS, BENCH_EVENTS, BENCH_SMALL_EVENTS, BENCH_HTTP_EVENTS.
 * BENCH_PORT picks the server's loopback port (default 4391); BENCH_ONLY=ingest stops after part 2,
 * BENCH_ONLY=dashboard measures part 3 only (with BENCH_REUSE=1: both provinces again, one build);
 * BENCH_ONLY=evidence measures part 3b only (the small province, generated again unless BENCH_REUSE=1;
 * BENCH_HELD_EVERY sets how many learners to one held, default 50);
 * BENCH_BUILD runs another build of the server (default build); BENCH_CPU_PROF=dir profiles the server.
 */
import { run } from '../process.ts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { dir, fmt, fresh, peakMemoryMb, port, seconds, startServer } from './reach-common.ts';
import { inProcessRecordRate, rawInsertRate } from './reach-inserts.ts';
import { httpIngestRate, rollupLagMs } from './reach-ingest.ts';
import { dashboardTimes, generate } from './reach-dashboard.ts';
import { definitionChange } from './reach-definition.ts';
import { alternate, withEvidence } from './reach-evidence.ts';

const learnersFull = Number(process.env.BENCH_LEARNERS ?? 2_000_000);
const eventsFull = Number(process.env.BENCH_EVENTS ?? 20_000_000);
const eventsSmall = Number(process.env.BENCH_SMALL_EVENTS ?? 200_000);
const httpEvents = Number(process.env.BENCH_HTTP_EVENTS ?? 50_000);

// `npm run bench` then measures the pages (tests/bench/pages.ts); BENCH_ONLY=pages skips this part.
if (process.env.BENCH_ONLY === 'pages') process.exit(0);
mkdirSync(dir, { recursive: true });
console.log(
	`Benchmark on ${process.env.HOSTNAME ?? 'this machine'} (Node ${process.version}); sizes: ${fmt(learnersFull)} learners, ${fmt(eventsFull)} / ${fmt(eventsSmall)} events.`
);

const only = process.env.BENCH_ONLY;
let ingestMemory = 0;
if (only !== 'dashboard' && only !== 'evidence') {
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
const provinces = [
	['small', Math.max(1, Math.round((learnersFull * eventsSmall) / eventsFull)), eventsSmall],
	['full', learnersFull, eventsFull]
] as const;
for (const [label, learners, events] of only === 'evidence' ? provinces.slice(0, 1) : provinces) {
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

// 3b. Held and late learning beside the official figure: the same dashboard, alternating.
{
	const plain = join(dir, 'province-small.db');
	const evidence = join(dir, 'province-small-evidence.db');
	const figures = await withEvidence(plain, evidence);
	const ab = await alternate(`file:${plain}`, `file:${evidence}`, port);
	console.log(
		`dashboard with held and late learning (${fmt(figures.official)} counted, ${fmt(figures.held)} held, ${fmt(figures.late)} late to 2025; 4 years closed) against the same province without: ` +
			`p50 ${ab.evidence.p50.toFixed(1)} / ${ab.plain.p50.toFixed(1)} ms, p95 ${ab.evidence.p95.toFixed(1)} / ${ab.plain.p95.toFixed(1)} ms (p95 ratio ${(ab.evidence.p95 / ab.plain.p95).toFixed(2)}), alternating in one run`
	);
}
if (only === 'evidence') process.exit(0);
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
