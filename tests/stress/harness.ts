/**
 * Shared by the stress scripts: the built app (`node build`) on a fresh database file under
 * tests/.tmp/stress, on loopback, and learning events for it (the people who use it, made through the
 * app's own forms, are in harness-people.ts).
 */
import { run, serverEnv } from '../process.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { buildCatalogue } from '../../src/lib/server/content/catalogue.ts';
import { readContentDir } from '../../src/lib/server/content/read-dir.ts';
import { communeIds } from '../places.ts';

export const dir = 'tests/.tmp/stress';
export const port = Number(process.env.STRESS_PORT ?? 4420);
export const origin = `http://127.0.0.1:${port}`;
export const adminUsername = 'stress-admin';
export const adminPassword = 'stress admin password, test only';
export const staffPassword = 'a stress test password';

export const catalogue = buildCatalogue(readContentDir('content')).catalogue;
export const lessons = catalogue.courses.flatMap((c) =>
	c.lessons.map((l) => ({ course: c.slug, lesson: l.slug, quiz: l.quiz }))
);
/** Where the stress learners live: today's communes and wards, taken in turn. */
export const districts = communeIds;

/**
 * Extra environment for the server under test, `KEY=value` pairs separated by commas, e.g. to loosen a
 * rate limit for a load run: STRESS_SERVER_ENV='SOME_LIMIT=100000'.
 */
const extraEnv = Object.fromEntries(
	(process.env.STRESS_SERVER_ENV ?? '')
		.split(',')
		.filter((pair) => pair.includes('='))
		.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])
);

export function requireBuild(): void {
	if (!existsSync('build/index.js')) {
		throw new Error('The stress tests run the built app: run `npm run build` first.');
	}
}

/** A migrated, seeded database file with the stress admin in it, made by the documented commands. */
export function freshDatabase(name: string): string {
	mkdirSync(dir, { recursive: true });
	const path = join(dir, `${name}.db`);
	for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
	const url = `file:${path}`;
	run('npm', ['run', '-s', 'db:seed'], { DATABASE_URL: url });
	run(
		'npm',
		['run', '-s', 'admin:create', '--', adminUsername],
		{ DATABASE_URL: url },
		`${adminPassword}\n`
	);
	return url;
}

/**
 * A client of the test server's database file. It waits up to 10 s for the server's writes (the
 * server holds the write lock for each group commit): without that a read or a probe's own write
 * fails at once with SQLITE_BUSY on a busy machine.
 */
export async function openClient(url: string): Promise<Client> {
	const client = createClient({ url });
	await client.execute('PRAGMA busy_timeout = 10000');
	return client;
}

export async function scalar(db: Client, sql: string, args: (string | number)[] = []) {
	const result = await db.execute({ sql, args });
	return Number(result.rows[0]?.[0] ?? 0);
}

export interface Server {
	process: ChildProcess;
	/** What the server wrote to stderr (errors of 5xx responses are logged there). */
	stderr: () => string;
	exited: Promise<number | null>;
	stop: () => Promise<void>;
}

/** Starts `node build` on the database file (lifted limits unless `env` sets its own) once it listens. */
export function startServer(url: string, env: Record<string, string> = {}): Promise<Server> {
	const child = spawn('node', ['build'], {
		env: serverEnv(url, port, { ...env, ...extraEnv }),
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let errors = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		errors += chunk.toString();
	});
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	const server: Server = {
		process: child,
		stderr: () => errors,
		exited,
		// A server that does not end on SIGTERM (adapter-node allows 30 s for open connections) fails
		// the run instead of hanging it: something left open would keep a deployed process alive too.
		stop: async () => {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			let timer: ReturnType<typeof setTimeout> | undefined;
			const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, 40_000, 'late')));
			const outcome = await Promise.race([exited, late]);
			clearTimeout(timer);
			if (outcome === 'late') {
				child.kill('SIGKILL');
				throw new Error('the server did not exit within 40 s of SIGTERM');
			}
		}
	};
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('the server did not start in 60 s')), 60_000);
		child.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('Listening')) {
				clearTimeout(timer);
				resolve(server);
			}
		});
		void exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`the server exited with ${code} before listening: ${errors}`));
		});
	});
}

type Lesson = (typeof lessons)[number];

/** A learning event as the outbox sends it: a fresh id; quizzes answered right or wrong. */
/** (Up to 9 minutes back: an event may not claim to be older than its learner, who is new.) */
export function eventFor(lesson: Lesson, n: number, occurredAt = Date.now() - (n % 10) * 60_000) {
	const id = crypto.randomUUID();
	if (n % 3 === 0) {
		return {
			id,
			type: 'lesson_completed',
			course: lesson.course,
			lesson: lesson.lesson,
			occurredAt
		};
	}
	const right = n % 3 === 1;
	const answers = Object.fromEntries(
		lesson.quiz.questions.map((q) => [
			q.id,
			right ? q.correct : q.optionIds.filter((o) => !q.correct.includes(o)).slice(0, 1)
		])
	);
	return {
		id,
		type: 'quiz_submitted',
		course: lesson.course,
		lesson: lesson.lesson,
		occurredAt,
		answers
	};
}

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** A small seeded generator (mulberry32): a failing run is reproduced from its seed. */
export function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (max: number) => Math.floor(next() * max),
		pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
		chance: (p: number) => next() < p
	};
}

/** Waits until the server's background step has folded every stored event into the rollups. */
export async function rollupsCaughtUp(db: Client, timeoutMs = 60_000): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const behind = await scalar(
			db,
			'SELECT coalesce((SELECT max(rowid) FROM learning_events), 0) - coalesce((SELECT last_rowid FROM rollup_state WHERE id = 1), 0)'
		);
		if (behind <= 0) return true;
		if (Date.now() > deadline) return false;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}
