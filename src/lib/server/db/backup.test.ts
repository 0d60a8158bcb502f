import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupEmbedded, httpBase, isSqliteFile, problemsOf } from './backup';
import { testDatabase } from './test-db.test-helper';

let database: Awaited<ReturnType<typeof testDatabase>>;
beforeEach(async () => (database = await testDatabase()));
afterEach(() => database.cleanup());

describe('backups', () => {
	it('copy the embedded file into a sound new file, never over an existing one', async () => {
		const dest = join(database.url.slice('file:'.length), '..', 'copy.db');
		await backupEmbedded(database.client, dest);
		expect(isSqliteFile(dest)).toBe(true);
		const copy = createClient({ url: `file:${dest}` });
		expect(await problemsOf(copy)).toEqual([]);
		const regions = await copy.execute('SELECT count(*) FROM regions');
		expect(Number(regions.rows[0]![0])).toBeGreaterThan(0);
		copy.close();
		await expect(backupEmbedded(database.client, dest)).rejects.toThrow(/exists/);
	});

	it('tell a dump from a database file', () => {
		const dump = join(database.url.slice('file:'.length), '..', 'dump.sql');
		writeFileSync(dump, 'PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCOMMIT;\n');
		expect(isSqliteFile(dump)).toBe(false);
	});

	it('find the HTTP address of a libSQL server URL', () => {
		expect(httpBase('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
		expect(httpBase('ws://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
		expect(httpBase('libsql://db-org.turso.io')).toBe('https://db-org.turso.io');
		expect(httpBase('libsql://127.0.0.1:8080?tls=0')).toBe('http://127.0.0.1:8080');
		expect(httpBase('wss://db.example.org')).toBe('https://db.example.org');
	});
});
