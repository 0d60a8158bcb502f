/**
 * `npm run bench:pages`: a lesson page, the home page and a static file of the same built server, in
 * one run, at 20 and at 200 connections (loopback only, bounded in time). The three alternate in
 * rounds, so that whatever else the machine does falls on all of them alike; requests/s is the mean
 * of the rounds, p99 the worst round's. Prints the lesson's and the home page's share of the static
 * file's rate, and at 200 connections the lesson's p99 over the static file's.
 *
 * The lesson and home requests carry a real learner's cookie, as a learner's browser sends them.
 * Needs `npm run build` first. BENCH_PAGES_SECONDS (default 5) a measurement, BENCH_PAGES_ROUNDS
 * (default 3), BENCH_PORT the server's loopback port (default 4393). `npm run bench` runs it after
 * tests/bench/reach.ts; BENCH_ONLY=pages runs it alone there, another BENCH_ONLY skips it.
 */
import { readdirSync } from 'node:fs';

if (process.env.BENCH_ONLY && process.env.BENCH_ONLY !== 'pages') process.exit(0);

process.env.STRESS_PORT = process.env.BENCH_PORT ?? '4393';
const { fmt, freshDatabase, lessons, origin, requireBuild, startServer } =
	await import('../stress/harness.ts');
const { newLearner } = await import('../stress/harness-people.ts');
const { default: autocannon } = await import('autocannon');

const seconds = Number(process.env.BENCH_PAGES_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_PAGES_ROUNDS ?? 3);

interface Figures {
	rates: number[];
	p99s: number[];
	bad: number;
}

requireBuild();
const entry = readdirSync('build/client/_app/immutable/entry').find((f) => /^app\..*\.js$/.test(f));
if (!entry) throw new Error('no app entry in build/client: run `npm run build`');
const lesson = lessons[0]!;
const server = await startServer(freshDatabase('bench-pages'), { LOG_LEVEL: 'info' });
try {
	const cookie = await newLearner();
	const targets = {
		lesson: { path: `/courses/${lesson.course}/${lesson.lesson}`, cookie: true },
		home: { path: '/', cookie: true },
		static: { path: `/_app/immutable/entry/${entry}`, cookie: false }
	};
	const shot = (name: keyof typeof targets, connections: number, duration: number) =>
		autocannon({
			url: `${origin}${targets[name].path}`,
			connections,
			duration,
			timeout: 30,
			headers: { 'accept-encoding': 'gzip', ...(targets[name].cookie ? { cookie } : {}) }
		});
	// Warm-up, not measured: the first render of each page and the JIT's first minutes.
	for (const name of Object.keys(targets) as (keyof typeof targets)[]) await shot(name, 20, 3);
	const table: string[] = [];
	for (const connections of [20, 200]) {
		const figures = Object.fromEntries(
			Object.keys(targets).map((name) => [name, { rates: [], p99s: [], bad: 0 } as Figures])
		) as Record<keyof typeof targets, Figures>;
		for (let round = 0; round < rounds; round++) {
			for (const name of Object.keys(targets) as (keyof typeof targets)[]) {
				const result = await shot(name, connections, seconds);
				figures[name].rates.push(result.requests.average);
				figures[name].p99s.push(result.latency.p99);
				figures[name].bad += result.errors + result.timeouts + result.non2xx;
			}
		}
		const rate = (name: keyof typeof targets) =>
			figures[name].rates.reduce((a, b) => a + b, 0) / rounds;
		const p99 = (name: keyof typeof targets) => Math.max(...figures[name].p99s);
		for (const name of Object.keys(targets) as (keyof typeof targets)[]) {
			table.push(
				`| ${connections} | ${name} | ${fmt(rate(name))} | ${p99(name)} ms | ${figures[name].bad} |`
			);
		}
		const share = (name: keyof typeof targets) => (rate(name) / rate('static')).toFixed(2);
		table.push(
			`| ${connections} | lesson / static | ${share('lesson')}× | ${(p99('lesson') / Math.max(1, p99('static'))).toFixed(1)}× | |`,
			`| ${connections} | home / static | ${share('home')}× | ${(p99('home') / Math.max(1, p99('static'))).toFixed(1)}× | |`
		);
	}
	const load = (await import('node:os')).loadavg().map((n) => n.toFixed(1));
	console.log(
		`Pages vs a static file (${rounds} rounds of ${seconds} s each, alternating; load average ${load.join(' ')})\n`
	);
	console.log('| connections | path | requests/s | p99 | errors + timeouts + non-2xx |');
	console.log('|---|---|---|---|---|');
	for (const row of table) console.log(row);
} finally {
	await server.stop();
}
