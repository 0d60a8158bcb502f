/** Reach bench part 3: a synthetic province generated and rolled up, GET /dashboard timed on it. */
import { run } from '../process.ts';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { generateProvince } from '../province.ts';
import { signIn } from '../stress/harness-people.ts';
import { firstVisitJs } from './page-js.ts';
import { adminPassword, fmt, open, origin, percentile, startServer } from './reach-common.ts';

/** A synthetic province generated inside the database, then its rollups built from the raw events. */
export async function generate(
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

/** One GET /dashboard as a signed-in admin (the `i`th: month, quarter, year in turn), in ms. */
export async function timedDashboard(base: string, session: string, i: number): Promise<number> {
	const t0 = performance.now();
	const response = await fetch(`${base}/dashboard?period=${['month', 'quarter', 'year'][i % 3]}`, {
		headers: { cookie: session }
	});
	if (response.status !== 200) throw new Error(`dashboard answered ${response.status}`);
	await response.text();
	return performance.now() - t0;
}

/** 3. GET /dashboard as an admin, `count` times, one after the other (the first 3 warm up). */
export async function dashboardTimes(
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
	// One admin per province: each keeps its own two-step secret (tests/.tmp/authenticators/).
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
		const ms = await timedDashboard(origin, session, i);
		if (i >= 3) times.push(ms);
	}
	const js = await firstVisitJs(`${origin}/dashboard`, session);
	return { p50: percentile(times, 50), p95: percentile(times, 95), server, js };
}
