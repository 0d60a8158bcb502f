import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@libsql/client';

/** The path of a `file:` URL (relative to the working folder, like libSQL reads it). */
export function filePath(url: string): string {
	return resolve(url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length));
}

/** The HTTP base address of a libSQL server URL (`libsql://` and `wss://` are TLS unless `?tls=0`). */
export function httpBase(url: string): string {
	const parsed = new URL(url);
	const plain =
		parsed.protocol === 'http:' ||
		parsed.protocol === 'ws:' ||
		parsed.searchParams.get('tls') === '0';
	return `${plain ? 'http' : 'https'}://${parsed.host}${parsed.pathname.replace(/\/$/, '')}`;
}

/** Whether a file starts with SQLite's header (a database file), else it is taken as an SQL dump. */
export function isSqliteFile(path: string): boolean {
	const fd = openSync(path, 'r');
	try {
		const header = Buffer.alloc(16);
		readSync(fd, header, 0, 16, 0);
		return header.toString('latin1') === 'SQLite format 3\0';
	} finally {
		closeSync(fd);
	}
}

/**
 * A consistent copy of the embedded file while the app keeps writing: `VACUUM INTO` reads one snapshot
 * (WAL readers do not block writers, nor writers them) and writes a compact new file. It keeps rowids,
 * which the rollups' watermark relies on (learning events are never deleted, so there are no gaps).
 */
export async function backupEmbedded(client: Client, dest: string): Promise<void> {
	if (existsSync(dest)) throw new Error(`${dest} exists; a backup never overwrites a file`);
	await client.execute({ sql: 'VACUUM INTO ?', args: [dest] });
}

/**
 * A libSQL server refuses `VACUUM INTO` (it would write on the server's disk); sqld's `GET /dump` returns
 * the whole database as SQL text instead.
 */
export async function backupRemote(url: string, authToken: string | undefined, dest: string) {
	if (existsSync(dest)) throw new Error(`${dest} exists; a backup never overwrites a file`);
	const response = await fetch(`${httpBase(url)}/dump`, {
		headers: authToken ? { authorization: `Bearer ${authToken}` } : {}
	});
	if (!response.ok) {
		throw new Error(
			`GET /dump answered ${response.status}: ${(await response.text()).slice(0, 200)}`
		);
	}
	const dump = await response.text();
	if (!/COMMIT;\s*$/.test(dump)) throw new Error('the dump ended before its COMMIT');
	await writeFile(dest, dump, { flag: 'wx' });
}

/** `PRAGMA integrity_check` and `foreign_key_check` of an open database: the problems, none if sound. */
export async function problemsOf(client: Client): Promise<string[]> {
	const integrity = await client.execute('PRAGMA integrity_check');
	const problems = integrity.rows.map((r) => String(r[0])).filter((r) => r !== 'ok');
	const keys = await client.execute('PRAGMA foreign_key_check');
	for (const row of keys.rows) problems.push(`foreign key: ${row[0]} row ${row[1]} → ${row[2]}`);
	return problems;
}
