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
 * Opens the database the same way for an embedded file and for a libSQL server or Turso.
 * Each call gives one connection to an embedded file (a thread runs one statement at a time anyway),
 * with the per-connection pragmas (durability, foreign keys, waiting for a lock): the server opens one
 * on its main thread and one in its writer thread (`reach/writer.ts`). Writes go through `batch`, never
 * long interactive transactions, so neither holds the file's write lock for long.
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
 * On the embedded file, every batch takes the write lock when it begins (BEGIN IMMEDIATE, waiting up to
 * busy_timeout for it) instead of at its first write. Two connections write to the file (the main
 * thread's and the writer thread's): a deferred batch that read before writing could not upgrade once
 * the other connection had committed (SQLITE_BUSY, not waited for), and libSQL's connection then kept
 * its stale snapshot, so every later write on it failed too. Taking the lock first avoids the upgrade.
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
