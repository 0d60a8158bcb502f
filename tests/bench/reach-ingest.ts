/** Reach bench part 2: event ingest through the HTTP API, and how soon the rollups catch up. */
import type { ChildProcess } from 'node:child_process';
import { createClient } from '@libsql/client';
import { communeIds } from '../places.ts';
import { cpuMsOf, lessons, origin, ownCpuMs, type Rate } from './reach-common.ts';

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
export async function httpIngestRate(
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
export async function rollupLagMs(url: string): Promise<number> {
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
