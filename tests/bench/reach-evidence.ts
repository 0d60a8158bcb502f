/**
 * Reach bench part 3b (issue 15): does learning held for review, and late learning after closed years,
 * slow the dashboard? The small province is copied; in the copy 2% of learners are made held in a burst
 * (one group per commune), 1% of lesson completions are held as too fast (BENCH_HELD_EVERY=500: 0.2%
 * and 0.1%), the years 2022–2025 are closed
 * as their reports would be, and then 2% more learners arrive with learning of 2025 (late). Two servers of one build
 * serve the two files, and GET /dashboard alternates between them in one run.
 */
import { run } from '../process.ts';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { signIn } from '../stress/harness-people.ts';
import { openDatabase } from '../../src/lib/server/db/client.ts';
import { closeYear } from '../../src/lib/server/dashboard/close.ts';
import { adminPassword, percentile, startServer } from './reach-common.ts';
import { timedDashboard } from './reach-dashboard.ts';

/** The copy, made held and late; its figures as `reach:figures` prints them. */
export async function withEvidence(
	source: string,
	target: string
): Promise<{ held: number; late: number; official: number }> {
	for (const suffix of ['', '-wal', '-shm']) {
		rmSync(`${target}${suffix}`, { force: true });
		if (existsSync(`${source}${suffix}`)) copyFileSync(`${source}${suffix}`, `${target}${suffix}`);
	}
	const url = `file:${target}`;
	const { client } = await openDatabase(url);
	const id = 'CAST(substr(id, 3) AS INTEGER)';
	// One learner in `every` made held in a burst, one completion in 2 × `every` held as too fast.
	const every = Number(process.env.BENCH_HELD_EVERY ?? 50);
	await client.batch([
		`INSERT INTO holds (id, reason, area, bucket, key, status, created_at)
			SELECT DISTINCT 'bench-burst-' || region_id, 'burst-address', region_id, '2025-06-01T09', 'bench', 'held', 0 FROM learners`,
		`UPDATE learners SET hold_id = 'bench-burst-' || region_id WHERE ${id} % ${every} = 7 % ${every}`,
		`INSERT INTO holds (id, reason, area, bucket, key, status, created_at)
			SELECT DISTINCT 'bench-fast-' || region_id, 'too-fast', region_id, '2025-06-01', 'bench', 'held', 0 FROM learners`,
		`INSERT INTO event_holds (event_id, hold_id) SELECT id, 'bench-fast-' || region_id FROM learning_events
			WHERE type = 'lesson_completed' AND ${id} % ${2 * every} = 3 % ${2 * every}`,
		"INSERT OR IGNORE INTO users (id, username, password_hash, role, created_at) VALUES ('bench-analyst', 'bench-analyst', 'x', 'analyst', 0)"
	]);
	client.close();
	run('npm', ['run', '-s', 'reach:rebuild'], { DATABASE_URL: url });

	const opened = await openDatabase(url);
	const names = { province: 'Tỉnh Đồng Tháp', unknownCommune: (d: string) => `(${d})` };
	for (const year of [2022, 2023, 2024, 2025]) {
		const result = await closeYear(
			opened.db,
			year,
			{ id: 'bench-analyst', username: 'bench-analyst' },
			names
		);
		if (!('closed' in result)) throw new Error(`closing ${year}: ${result.refused}`);
	}
	// Late: 2% more learners, each with a lesson of July 2025 received after the closing.
	const [row] = (await opened.client.execute('SELECT count(*) AS n FROM learners')).rows;
	const late = Math.max(1, Math.round(Number(row!.n) / 50));
	const seq = `WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < ${late})`;
	await opened.client.batch([
		`${seq} INSERT INTO learners (id, region_id, age_band, user_id, consented_at, created_at, erased_at)
			SELECT printf('bk%09d', seq.n), l.region_id, NULL, NULL, 0, 0, NULL
			FROM seq JOIN learners l ON l.id = printf('bl%09d', seq.n)`,
		{
			sql: `${seq} INSERT INTO learning_events (id, learner_id, type, region_id, course_slug, lesson_slug, occurred_at, received_at)
				SELECT printf('bz%010d', seq.n), printf('bk%09d', seq.n), 'lesson_completed', l.region_id, e.course_slug, e.lesson_slug, ?, ?
				FROM seq JOIN learners l ON l.id = printf('bl%09d', seq.n) JOIN learning_events e ON e.id = printf('be%010d', seq.n)`,
			args: [Date.UTC(2025, 6, 1, 3), Date.now()]
		}
	]);
	opened.client.close();
	run('npm', ['run', '-s', 'reach:rebuild'], { DATABASE_URL: url });
	const figures = JSON.parse(
		run('npm', ['run', '-s', 'reach:figures', '--', '--json'], { DATABASE_URL: url })
	) as {
		official: { reached: number };
		held: { reached: number };
		late: { reached: number } | null;
	};
	return {
		official: figures.official.reached,
		held: figures.held.reached,
		late: figures.late?.reached ?? 0
	};
}

/** GET /dashboard on both provinces in turn, `count` times each: p50 and p95 of each, in one run. */
export async function alternate(
	plain: string,
	evidence: string,
	port: number,
	count = 40
): Promise<{ plain: { p50: number; p95: number }; evidence: { p50: number; p95: number } }> {
	const sides = [
		{ url: plain, port, admin: 'bench-admin-small' },
		{ url: evidence, port: port + 1, admin: 'bench-admin-evidence' }
	];
	const servers = [];
	const sessions: string[] = [];
	for (const side of sides) {
		spawnSync('npm', ['run', '-s', 'admin:create', '--', side.admin], {
			env: { ...process.env, DATABASE_URL: side.url },
			input: `${adminPassword}\n`
		});
		servers.push(await startServer(side.url, side.port));
		sessions.push(await signIn(side.admin, adminPassword, `http://127.0.0.1:${side.port}`));
	}
	const times: number[][] = [[], []];
	try {
		for (let i = 0; i < count + 3; i++) {
			for (const s of i % 2 ? [1, 0] : [0, 1]) {
				const ms = await timedDashboard(`http://127.0.0.1:${sides[s]!.port}`, sessions[s]!, i);
				if (i >= 3) times[s]!.push(ms);
			}
		}
	} finally {
		servers.forEach((server) => server.kill());
	}
	const of = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95) });
	return { plain: of(times[0]!), evidence: of(times[1]!) };
}
