import type { Db } from '../db/client';
import type { Job, Outcome } from './record';

/**
 * The writer thread serving a database, if one was started for it (`startWriter`): event writes and the
 * rollup step then run there, on its own connection, while this thread goes on handling requests.
 */
export interface Writer {
	/** Commits one request's events (group commit in the writer) and answers after the commit. */
	record(job: Job): Promise<Outcome[]>;
	/** Runs the rollup catch-up in the writer, where it cannot collide with event writes. */
	catchUp(maxSteps: number): Promise<number>;
}

const writers = new WeakMap<Db, Writer>();

export const writerOf = (db: Db): Writer | undefined => writers.get(db);

export function attachWriter(db: Db, writer: Writer): void {
	writers.set(db, writer);
}

export function detachWriter(db: Db, writer: Writer): void {
	if (writers.get(db) === writer) writers.delete(db);
}
