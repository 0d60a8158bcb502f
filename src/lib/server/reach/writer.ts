import { Worker } from 'node:worker_threads';
import { isEmbeddedFile, type Database } from '../db/client';
import { log } from '../log';
import { EventRejected, type Outcome } from './record';
import { attachWriter, detachWriter, type Writer } from './writer-registry';
import type {
	WireOutcome,
	WriterAsk,
	WriterData,
	WriterReply,
	WriterRequest
} from './writer-thread';

const fromWire = (outcome: WireOutcome): Outcome =>
	'rejected' in outcome ? new EventRejected(outcome.rejected) : outcome;

/**
 * Starts a writer thread for an embedded database file: from then on, event writes (group commits) and
 * the rollup step run there on their own connection, and this thread only parses, validates and grades.
 * An acknowledgement still comes only after the commit (the thread answers after it). If the thread
 * cannot start or stops, writes go back to this thread's connection: slower, never lost.
 *
 * Worth it only where the client blocks its thread: a libSQL server or Turso is reached over the
 * network, asynchronously, so no thread is started for one.
 */
export async function startWriter(
	database: Database
): Promise<(Writer & { close(): Promise<void> }) | null> {
	// A database in memory cannot be shared with another connection.
	if (!isEmbeddedFile(database.db) || database.url.includes(':memory:')) return null;
	const { writerEntry } = await import('./writer-thread');
	const workerData: WriterData = { role: 'event-writer', url: database.url };
	// Run from sources (vite dev, vitest, tsx), the entry is TypeScript: the thread loads it through
	// tsx's loader (a development dependency). The build's entry is plain JavaScript.
	const worker = writerEntry.endsWith('.ts')
		? new Worker(
				`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(writerEntry)}); })`,
				{ eval: true, workerData }
			)
		: new Worker(new URL(writerEntry), { workerData });

	const pending = new Map<
		number,
		{ resolve: (value: never) => void; reject: (e: Error) => void }
	>();
	let nextId = 0;
	let stopped = false;
	const writer: Writer = {
		record: (job) => ask<WireOutcome[]>({ op: 'record', job }).then((w) => w.map(fromWire)),
		catchUp: (maxSteps) => ask<number>({ op: 'catchUp', maxSteps })
	};

	function ask<T>(request: WriterAsk): Promise<T> {
		if (stopped) return Promise.reject(new Error('the writer thread has stopped'));
		const id = nextId++;
		return new Promise<T>((resolve, reject) => {
			// Waiting for an answer keeps the process alive (start-up awaits the catch-up before the
			// server listens); an idle thread does not, so the server still exits on SIGTERM.
			if (!pending.size) worker.ref();
			pending.set(id, { resolve: resolve as (value: never) => void, reject });
			worker.postMessage({ ...request, id } satisfies WriterRequest);
		});
	}

	function stop(reason: Error): void {
		if (stopped) return;
		stopped = true;
		detachWriter(database.db, writer);
		for (const { reject } of pending.values()) reject(reason);
		pending.clear();
	}

	const ready = new Promise<boolean>((resolve) => {
		worker.on('message', (reply: WriterReply) => {
			if ('ready' in reply) {
				if (!reply.ready)
					log.error({ reason: reply.message }, 'writer thread could not open the database');
				return resolve(reply.ready);
			}
			const waiting = pending.get(reply.id);
			if (!waiting) return;
			pending.delete(reply.id);
			if (!pending.size) worker.unref();
			if (reply.ok) waiting.resolve(reply.value as never);
			else waiting.reject(Object.assign(new Error(reply.message), { code: reply.code }));
		});
		worker.on('error', (error) => {
			log.error({ err: error }, 'writer thread failed: writes continue on the main thread');
			stop(error);
			resolve(false);
		});
		worker.on('exit', (code) => {
			stop(new Error(`the writer thread exited with code ${code}`));
			resolve(false);
		});
	});
	if (!(await ready)) {
		stop(new Error('the writer thread did not start'));
		void worker.terminate();
		return null;
	}
	// Idle, the thread does not keep the process alive (after the listeners: adding a 'message'
	// listener refs the thread's port again).
	worker.unref();
	attachWriter(database.db, writer);
	return {
		...writer,
		async close() {
			stop(new Error('the writer thread was closed'));
			await worker.terminate();
		}
	};
}
