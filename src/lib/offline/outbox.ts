import { readSyncState, type OfflineDb, type OutboxEntry, type OutboxEvent } from './store';

/** The server's per-event answer (see src/routes/api/events/+server.ts). */
export interface EventResult {
	id: string | null;
	status: 'created' | 'duplicate' | 'rejected';
	error?: string;
}

/** What one POST of a batch came to, as seen by the device. */
export type SendOutcome =
	| { kind: 'results'; results: EventResult[] }
	| { kind: 'retry'; retryAfterMs?: number }
	| { kind: 'no-learner' };

export type Send = (events: OutboxEvent[]) => Promise<SendOutcome>;

export interface FlushReport {
	acknowledged: number;
	rejected: number;
	remaining: number;
	outcome: 'done' | 'retry-later' | 'no-learner' | 'waiting' | 'busy';
}

export const batchSize = 100;
const baseDelayMs = 2_000;
const maxDelayMs = 5 * 60_000;

/** Exponential backoff with full jitter, capped: phones coming back online together do not stampede. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
	const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, failures - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Queues an event durably; queuing the same id twice keeps one. */
export async function enqueue(db: OfflineDb, event: OutboxEvent, now = Date.now()): Promise<void> {
	const tx = db.transaction('outbox', 'readwrite');
	const known = await tx.store.index('by-id').getKey(event.id);
	if (known === undefined) await tx.store.add({ event, queuedAt: now });
	await tx.done;
}

export async function pendingCount(db: OfflineDb): Promise<number> {
	return db.count('outbox');
}

/** What the learner is told is waiting: lessons and quizzes done, not the record of opening a lesson. */
export async function waitingActivities(db: OfflineDb): Promise<number> {
	let n = 0;
	for (let c = await db.transaction('outbox').store.openCursor(); c; c = await c.continue()) {
		if (c.value.event.type !== 'lesson_opened') n++;
	}
	return n;
}

async function oldest(db: OfflineDb, limit: number): Promise<OutboxEntry[]> {
	return db.getAll('outbox', undefined, limit);
}

/**
 * Applies the server's answer to a batch: acknowledged events (created or duplicate) leave the outbox,
 * refused ones move to `rejected` with the reason, anything the server did not mention stays queued.
 */
async function settle(db: OfflineDb, sent: OutboxEntry[], results: EventResult[], now: number) {
	const byId = new Map(results.map((r) => [r.id, r]));
	const tx = db.transaction(['outbox', 'rejected'], 'readwrite');
	let acknowledged = 0;
	let rejected = 0;
	for (const entry of sent) {
		const result = byId.get(entry.event.id);
		if (!result) continue;
		if (result.status === 'rejected') {
			rejected += 1;
			await tx.objectStore('rejected').put({
				event: entry.event,
				reason: result.error ?? 'invalid',
				at: now
			});
		} else acknowledged += 1;
		await tx.objectStore('outbox').delete(entry.seq!);
	}
	await tx.done;
	return { acknowledged, rejected, progressed: acknowledged + rejected > 0 };
}

/**
 * Sends the outbox oldest first, in batches, until it is empty or the network or server says later.
 * `force` ignores the backoff (the phone just came back online, or the learner pressed "sync now").
 */
export async function flush(
	db: OfflineDb,
	send: Send,
	options: { now?: () => number; force?: boolean; random?: () => number } = {}
): Promise<FlushReport> {
	const now = options.now ?? Date.now;
	const state = await readSyncState(db);
	const report: FlushReport = { acknowledged: 0, rejected: 0, remaining: 0, outcome: 'done' };
	if (!options.force && state.nextAttemptAt > now()) {
		return { ...report, remaining: await pendingCount(db), outcome: 'waiting' };
	}
	// Without a learner every send is refused: wait for one (a completion, /start) to force a send.
	if (!options.force && state.blocked === 'no-learner') {
		return { ...report, remaining: await pendingCount(db), outcome: 'no-learner' };
	}
	for (;;) {
		const batch = await oldest(db, batchSize);
		if (batch.length === 0) break;
		let outcome: SendOutcome;
		try {
			outcome = await send(batch.map((e) => e.event));
		} catch {
			outcome = { kind: 'retry' };
		}
		if (outcome.kind === 'results') {
			const settled = await settle(db, batch, outcome.results, now());
			report.acknowledged += settled.acknowledged;
			report.rejected += settled.rejected;
			state.lastSyncAt = now();
			state.failures = 0;
			state.nextAttemptAt = 0;
			state.blocked = null;
			if (settled.progressed) continue;
			// A server answer that settles nothing would loop for ever: treat it as a failure.
			outcome = { kind: 'retry' };
		}
		if (outcome.kind === 'no-learner') {
			state.blocked = 'no-learner';
			report.outcome = 'no-learner';
			break;
		}
		state.failures += 1;
		const delay = Math.max(outcome.retryAfterMs ?? 0, backoffMs(state.failures, options.random));
		state.nextAttemptAt = now() + delay;
		report.outcome = 'retry-later';
		break;
	}
	await db.put('state', state, 'sync');
	report.remaining = await pendingCount(db);
	return report;
}

/** POSTs a batch to the idempotent endpoint and reads its per-event results. */
export function httpSender(fetcher: typeof fetch, endpoint = '/api/events'): Send {
	return async (events) => {
		const response = await fetcher(endpoint, {
			method: 'POST',
			credentials: 'same-origin',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify({ events })
		});
		if (response.status === 401) return { kind: 'no-learner' };
		if (response.status === 200 || response.status === 400) {
			const body: unknown = await response.json().catch(() => null);
			if (body && typeof body === 'object' && 'results' in body && Array.isArray(body.results)) {
				return { kind: 'results', results: body.results as EventResult[] };
			}
		}
		const retryAfter = Number(response.headers.get('retry-after'));
		return {
			kind: 'retry',
			retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined
		};
	};
}

/**
 * One flush at a time per origin, across tabs and the service worker (Web Locks): a second caller
 * returns at once instead of sending the same events again. Sending twice would be harmless (the
 * endpoint is idempotent) but wasteful on a metered connection.
 */
export async function flushExclusive(
	db: OfflineDb,
	send: Send,
	options: Parameters<typeof flush>[2] & { wait?: boolean } = {}
): Promise<FlushReport> {
	const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
	if (!locks) return flush(db, send, options);
	// `wait`: queue behind a flush in progress (it may have read the outbox before a new event).
	if (options.wait) return locks.request('an-toan-mang-outbox', () => flush(db, send, options));
	return locks.request('an-toan-mang-outbox', { ifAvailable: true }, async (lock) =>
		lock
			? flush(db, send, options)
			: {
					acknowledged: 0,
					rejected: 0,
					remaining: await pendingCount(db),
					outcome: 'busy' as const
				}
	);
}
