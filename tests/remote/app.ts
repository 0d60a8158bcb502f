/** The built app (`node build`) as a child process, and a client that learns through its HTTP API. */
import { spawn, type ChildProcess } from 'node:child_process';
import { buildCatalogue } from '../../src/lib/server/content/catalogue.ts';
import { readContentDir } from '../../src/lib/server/content/read-dir.ts';
import { communeIds } from '../places.ts';
import { serverEnv } from '../process.ts';
import { sendBatch } from '../send.ts';
import { track, waitFor } from './sqld.ts';

const catalogue = buildCatalogue(readContentDir('content')).catalogue;
const lessons = catalogue.courses.flatMap((c) =>
	c.lessons.map((l) => ({ course: c.slug, lesson: l.slug, quiz: l.quiz }))
);

export interface App {
	origin: string;
	process: ChildProcess;
	/** Everything the process wrote to stderr (start-up failures, failed rollup steps). */
	errors(): string;
	stop(): Promise<void>;
}

export async function startApp(
	databaseUrl: string,
	port: number,
	env: Record<string, string> = {}
): Promise<App> {
	const origin = `http://127.0.0.1:${port}`;
	if (
		await fetch(origin).then(
			() => true,
			() => false
		)
	)
		throw new Error(`something already listens on ${origin}`);
	const child = track(
		spawn('node', ['build'], {
			env: serverEnv(databaseUrl, port, env),
			stdio: ['ignore', 'ignore', 'pipe']
		})
	);
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	try {
		await waitFor(`${origin}/`, 30_000, child);
	} catch (error) {
		child.kill('SIGKILL');
		throw new Error(`node build did not start on ${origin}: ${String(error)}\n${stderr}`, {
			cause: error
		});
	}
	return {
		origin,
		process: child,
		errors: () => stderr,
		stop: async () => {
			if (child.exitCode !== null) return;
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			await exited;
		}
	};
}

/** A new anonymous learner in a district, made through /start: its `learner=…` cookie. */
export async function newLearner(origin: string, district: number): Promise<string> {
	const response = await fetch(`${origin}/start`, {
		method: 'POST',
		body: new URLSearchParams({ region: communeIds[district % communeIds.length]!, next: '/' }),
		headers: { origin, accept: 'text/html' },
		redirect: 'manual'
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('learner='));
	if (!cookie) throw new Error(`no learner cookie from ${origin}/start (${response.status})`);
	return cookie.split(';')[0]!;
}

/**
 * `count` events of one learner: lessons read and quizzes (right or wrong answers) spread over the past
 * `days`, so that first days move earlier as late events arrive and months and quizzes vary.
 */
export function eventsFor(count: number, seed: number, days = 400): Record<string, unknown>[] {
	return Array.from({ length: count }, (_, i) => {
		const l = lessons[(seed * 7 + i) % lessons.length]!;
		const occurredAt = Date.now() - (((seed + 1) * 7919 * (i + 1)) % (days * 24)) * 3_600_000;
		const base = { id: crypto.randomUUID(), course: l.course, lesson: l.lesson, occurredAt };
		if (i % 3 === 0) return { ...base, type: 'lesson_completed' };
		const right = i % 3 === 1;
		const answers = Object.fromEntries(
			l.quiz.questions.map((q) => [
				q.id,
				right ? q.correct : q.optionIds.filter((o) => !q.correct.includes(o)).slice(0, 1)
			])
		);
		return { ...base, type: 'quiz_submitted', answers };
	});
}

export type EventStatus = 'created' | 'duplicate' | 'rejected';

/**
 * Posts a batch to /api/events as the outbox would (again after a dropped connection or the wait a
 * 429 names): each event's status, or throws on any other answer than 200.
 */
export async function postEvents(
	origin: string,
	cookie: string,
	events: Record<string, unknown>[]
): Promise<{ id: string; status: EventStatus }[]> {
	const answer = await sendBatch(origin, cookie, JSON.stringify({ events }));
	if (answer.status !== 200) {
		throw new Error(`POST ${origin}/api/events: ${answer.status} ${answer.text}`);
	}
	return (JSON.parse(answer.text) as { results: { id: string; status: EventStatus }[] }).results;
}

/** A sign-in attempt through the form action: the HTTP status (400 wrong, 429 limited, 303 signed in). */
export async function signIn(origin: string, username: string, password: string): Promise<number> {
	const response = await fetch(`${origin}/account/signin`, {
		method: 'POST',
		body: new URLSearchParams({ username, password }),
		headers: { origin, accept: 'text/html' },
		redirect: 'manual'
	});
	await response.arrayBuffer();
	return response.status;
}
