import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/client';
import { EventRejected, committerFor, type Job, type Outcome } from './record';
import { catchUp } from './rollups';

/**
 * The writer thread's side (see `writer.ts`). This module is also the thread's entry: the main thread
 * imports it only to learn its own URL, and a worker started on that URL serves writes on its own
 * connection. The embedded libSQL client runs each statement, and each commit's disk sync, synchronously
 * on the calling thread; here that is not the thread parsing requests.
 */
export const writerEntry = import.meta.url;

/** What the main thread asks; each request carries an id that its reply repeats. */
export type WriterAsk = { op: 'record'; job: Job } | { op: 'catchUp'; maxSteps: number };
export type WriterRequest = WriterAsk & { id: number };

/** An outcome as it crosses threads: a rejection is sent as its reason (classes do not survive cloning). */
export type WireOutcome = Exclude<Outcome, EventRejected> | { rejected: EventRejected['reason'] };

export type WriterReply =
	| { ready: true }
	| { ready: false; message: string }
	| { id: number; ok: true; value: WireOutcome[] | number }
	| { id: number; ok: false; message: string; code?: string };

export interface WriterData {
	role: 'event-writer';
	url: string;
}

const toWire = (outcome: Outcome): WireOutcome =>
	outcome instanceof EventRejected ? { rejected: outcome.reason } : outcome;

async function serve({ url }: WriterData): Promise<void> {
	const port = parentPort!;
	let database: Awaited<ReturnType<typeof openDatabase>>;
	try {
		database = await openDatabase(url);
	} catch (error) {
		port.postMessage({ ready: false, message: String(error) } satisfies WriterReply);
		return;
	}
	const { db } = database;
	const record = committerFor(db);
	port.on('message', (request: WriterRequest) => {
		const work =
			request.op === 'record'
				? record(request.job).then((outcomes) => outcomes.map(toWire))
				: catchUp(db, request.maxSteps);
		work.then(
			(value) => port.postMessage({ id: request.id, ok: true, value } satisfies WriterReply),
			(error: unknown) => {
				const failure = error as { message?: string; code?: string; cause?: { code?: string } };
				port.postMessage({
					id: request.id,
					ok: false,
					message: failure?.message ?? String(error),
					code: failure?.cause?.code ?? failure?.code
				} satisfies WriterReply);
			}
		);
	});
	port.postMessage({ ready: true } satisfies WriterReply);
}

const data = workerData as WriterData | undefined;
if (!isMainThread && data?.role === 'event-writer') void serve(data);
