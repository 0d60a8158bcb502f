import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEmbeddedFile, openDatabase } from './client';

describe('openDatabase', () => {
	it('creates the folder of a file: URL and opens a durable WAL database', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'cybersafe-open-'));
		const database = await openDatabase(`file:${join(dir, 'nested', 'deeper', 'app.db')}`);
		const mode = await database.client.execute('PRAGMA journal_mode');
		const sync = await database.client.execute('PRAGMA synchronous');
		expect(mode.rows[0]?.[0]).toBe('wal');
		expect(sync.rows[0]?.[0]).toBe(2);
		// The rollup step's temporary table is used only here (a libSQL server refuses it).
		expect(isEmbeddedFile(database.db)).toBe(true);
		database.client.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('stops with a clear message when the database cannot be opened', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'cybersafe-bad-'));
		const notADatabase = join(dir, 'garbage.db');
		writeFileSync(notADatabase, 'this is not a database file, just text '.repeat(200));
		await expect(openDatabase(`file:${notADatabase}`)).rejects.toThrow(
			/Cannot open the database at DATABASE_URL=file:.*garbage\.db: /
		);
		await expect(openDatabase('ftp://example.invalid/db')).rejects.toThrow(
			/Cannot open the database at DATABASE_URL=ftp:/
		);
		rmSync(dir, { recursive: true, force: true });
	});
});
