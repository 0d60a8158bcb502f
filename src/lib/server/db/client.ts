import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema';

export type Db = LibSQLDatabase<typeof schema>;
export interface Database {
	client: Client;
	db: Db;
	url: string;
}

export const defaultDatabaseUrl = 'file:data/app.db';

/** A file: URL's folder must exist before libSQL can create the file in it. */
function ensureFolder(url: string): void {
	if (!url.startsWith('file:') || url === 'file::memory:') return;
	const path = url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length);
	mkdirSync(dirname(resolve(path)), { recursive: true });
}

/**
 * Opens the database the same way for an embedded file and for a libSQL server or Turso: one
 * connection, with the per-connection pragmas on a file (durability, foreign keys, waiting for a lock).
 * Writes go through `batch`, never long interactive transactions, so none holds the write lock long.
 */
export async function openDatabase(
	url = process.env.DATABASE_URL || defaultDatabaseUrl,
	authToken = process.env.DATABASE_AUTH_TOKEN || undefined
): Promise<Database> {
	const embedded = url.startsWith('file:');
	let client: Client;
	try {
		ensureFolder(url);
		client = createClient({ url, authToken, concurrency: embedded ? 1 : undefined });
		if (embedded) {
			// First, so that the pragmas below wait for another process's lock instead of failing.
			await client.execute('PRAGMA busy_timeout = 5000');
			await client.execute('PRAGMA journal_mode = WAL');
			// FULL: an acknowledged write survives a power cut, not only a process crash.
			await client.execute('PRAGMA synchronous = FULL');
			await client.execute('PRAGMA foreign_keys = ON');
			immediateBatches(client);
		} else {
			await client.execute('SELECT 1');
		}
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(`Cannot open the database at DATABASE_URL=${redact(url)}: ${reason}`, {
			cause: error
		});
	}
	return { client, db: drizzle(client, { schema }), url };
}

/**
 * On the embedded file every batch is a write transaction (BEGIN IMMEDIATE: it waits up to busy_timeout
 * for the lock) instead of a deferred one. Other processes write the same file (`reach:rebuild`,
 * `db:seed`, `admin:create`): a deferred batch that read first could not upgrade once one of them had
 * committed, and libSQL's connection then kept a stale snapshot and failed every later write.
 */
function immediateBatches(client: Client): void {
	const batch = client.batch.bind(client);
	client.batch = (statements, mode = 'write') => batch(statements, mode);
}

function redact(url: string): string {
	return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** True on the embedded file; false on a libSQL server or Turso (which refuse, e.g., temporary tables). */
export function isEmbeddedFile(db: Db): boolean {
	return (db as unknown as { $client?: { protocol?: string } }).$client?.protocol === 'file';
}
