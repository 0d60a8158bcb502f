import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { backoffMs, enqueue, flush, httpSender, pendingCount, type EventResult } from './outbox';
import { openOfflineDb, readSyncState, type OutboxEvent } from './store';

let n = 0;
const fresh = () => openOfflineDb(`test-${++n}`);
const event = (i: number): OutboxEvent => ({
	id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
	type: 'lesson_completed',
	course: 'online-scams',
	lesson: 'stop-verify-report',
	occurredAt: 1_700_000_000_000 + i
});
const ok = (events: OutboxEvent[]): EventResult[] =>
	events.map((e) => ({ id: e.id, status: 'created' }));

describe('outbox', () => {
	it('keeps one entry per event id and sends the oldest first, in batches of 100', async () => {
		const db = await fresh();
		for (let i = 0; i < 150; i++) await enqueue(db, event(i));
		await enqueue(db, event(3));
		expect(await pendingCount(db)).toBe(150);
		const batches: string[][] = [];
		const report = await flush(db, async (events) => {
			batches.push(events.map((e) => e.id));
			return { kind: 'results', results: ok(events) };
		});
		expect(batches.map((b) => b.length)).toEqual([100, 50]);
		expect(batches.flat()).toEqual([...Array(150).keys()].map((i) => event(i).id));
		expect(report).toMatchObject({ acknowledged: 150, remaining: 0, outcome: 'done' });
		expect((await readSyncState(db)).lastSyncAt).not.toBeNull();
	});

	it('removes an event only once the server acknowledged it', async () => {
		const db = await fresh();
		for (let i = 0; i < 3; i++) await enqueue(db, event(i));
		// The server answers for two of the three (e.g. a response cut short): the third stays.
		const report = await flush(db, async (events) => ({
			kind: 'results',
			results: [
				{ id: events[0]!.id, status: 'created' },
				{ id: events[1]!.id, status: 'duplicate' }
			]
		}));
		expect(report.acknowledged).toBe(2);
		expect(await pendingCount(db)).toBe(1);
		expect((await db.getAll('outbox'))[0]!.event.id).toBe(event(2).id);
	});

	it('keeps everything and backs off when the network fails, then sends it all', async () => {
		const db = await fresh();
		await enqueue(db, event(1));
		await enqueue(db, event(2));
		let clock = 1_000_000;
		const now = () => clock;
		const offline = await flush(
			db,
			async () => {
				throw new TypeError('Failed to fetch');
			},
			{ now, random: () => 1 }
		);
		expect(offline).toMatchObject({ outcome: 'retry-later', remaining: 2 });
		const state = await readSyncState(db);
		expect(state.failures).toBe(1);
		expect(state.nextAttemptAt).toBe(clock + 2_000);

		// Before the backoff ends, a periodic flush does not send; a forced one (back online) does.
		let calls = 0;
		const send = async (events: OutboxEvent[]) => {
			calls += 1;
			return { kind: 'results' as const, results: ok(events) };
		};
		expect((await flush(db, send, { now })).outcome).toBe('waiting');
		expect(calls).toBe(0);
		clock += 2_001;
		expect(await flush(db, send, { now })).toMatchObject({ acknowledged: 2, remaining: 0 });
		expect((await readSyncState(db)).failures).toBe(0);
	});

	it('grows the backoff with each failure, capped at five minutes, honouring Retry-After', async () => {
		expect([1, 2, 3, 4].map((f) => backoffMs(f, () => 1))).toEqual([2000, 4000, 8000, 16000]);
		expect(backoffMs(30, () => 1)).toBe(300_000);
		expect(backoffMs(1, () => 0)).toBe(1000);
		const db = await fresh();
		await enqueue(db, event(1));
		const clock = 5_000;
		await flush(db, async () => ({ kind: 'retry', retryAfterMs: 60_000 }), {
			now: () => clock,
			random: () => 1
		});
		expect((await readSyncState(db)).nextAttemptAt).toBe(clock + 60_000);
	});

	it('moves a refused event aside with its reason, without sinking the good ones', async () => {
		const db = await fresh();
		for (let i = 0; i < 3; i++) await enqueue(db, event(i));
		const report = await flush(db, async (events) => ({
			kind: 'results',
			results: events.map((e, i) =>
				i === 1
					? { id: e.id, status: 'rejected', error: 'unknown-lesson' }
					: { id: e.id, status: 'created' }
			)
		}));
		expect(report).toMatchObject({ acknowledged: 2, rejected: 1, remaining: 0 });
		expect(await db.getAll('rejected')).toMatchObject([
			{ event: { id: event(1).id }, reason: 'unknown-lesson' }
		]);
	});

	it('waits, keeping the events, when the server no longer knows this learner', async () => {
		const db = await fresh();
		await enqueue(db, event(1));
		const report = await flush(db, async () => ({ kind: 'no-learner' }));
		expect(report).toMatchObject({ outcome: 'no-learner', remaining: 1 });
		expect((await readSyncState(db)).blocked).toBe('no-learner');

		// Periodic flushes do not ask again; a forced one (the learner was just made) does, and resumes.
		let calls = 0;
		const send = async (events: OutboxEvent[]) => {
			calls += 1;
			return { kind: 'results' as const, results: ok(events) };
		};
		expect((await flush(db, send)).outcome).toBe('no-learner');
		expect(calls).toBe(0);
		expect(await flush(db, send, { force: true })).toMatchObject({ outcome: 'done', remaining: 0 });
		expect((await readSyncState(db)).blocked).toBeNull();
	});

	it('does not loop when a server answer settles nothing', async () => {
		const db = await fresh();
		await enqueue(db, event(1));
		let calls = 0;
		const report = await flush(db, async () => {
			calls += 1;
			return { kind: 'results', results: [] };
		});
		expect(calls).toBe(1);
		expect(report).toMatchObject({ outcome: 'retry-later', remaining: 1 });
	});
});

describe('httpSender', () => {
	const respond = (status: number, body: unknown, headers: Record<string, string> = {}) =>
		(async () =>
			new Response(JSON.stringify(body), {
				status,
				headers: { 'content-type': 'application/json', ...headers }
			})) as unknown as typeof fetch;

	it('reads per-event results from 200 and from an all-rejected 400', async () => {
		const results = [{ id: 'x', status: 'rejected', error: 'invalid' }];
		expect(await httpSender(respond(400, { results }))([event(1)])).toEqual({
			kind: 'results',
			results
		});
	});

	it('maps 401 to a missing learner, 429 and 5xx to a retry with Retry-After', async () => {
		expect(await httpSender(respond(401, { message: 'x' }))([event(1)])).toEqual({
			kind: 'no-learner'
		});
		expect(
			await httpSender(respond(429, { message: 'slow down' }, { 'retry-after': '30' }))([event(1)])
		).toEqual({ kind: 'retry', retryAfterMs: 30_000 });
		expect(await httpSender(respond(503, {}))([event(1)])).toEqual({
			kind: 'retry',
			retryAfterMs: undefined
		});
	});
});
