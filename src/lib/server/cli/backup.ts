/**
 * `npm run db:backup -- <dest>`: a backup of DATABASE_URL while the app keeps running.
 * - Embedded file: a consistent, compact copy of the database file (`VACUUM INTO`), checked with
 *   `PRAGMA integrity_check` before it is reported good.
 * - libSQL server (sqld): the whole database as SQL text from the server's `GET /dump`.
 * Restore with `npm run db:restore -- <backup>` (README, "Backups and restore").
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { backupEmbedded, backupRemote, filePath, problemsOf } from '../db/backup.ts';
import { defaultDatabaseUrl, openDatabase } from '../db/client.ts';

const dest = process.argv[2];
const url = process.env.DATABASE_URL || defaultDatabaseUrl;

function fail(message: string): never {
	console.error(`db:backup failed: ${message}`);
	process.exit(1);
}

if (!dest) fail('give the backup file to write: npm run db:backup -- <dest>');
const target = resolve(dest);
const started = Date.now();
try {
	if (url.startsWith('file:')) {
		if (!existsSync(filePath(url))) fail(`there is no database at ${filePath(url)}`);
		const database = await openDatabase(url);
		await backupEmbedded(database.client, target);
		database.client.close();
		const copy = createClient({ url: `file:${target}` });
		const problems = await problemsOf(copy);
		const events = await copy.execute('SELECT count(*) FROM learning_events');
		copy.close();
		if (problems.length) fail(`the copy at ${target} is damaged: ${problems.join('; ')}`);
		console.log(
			`Backed up ${filePath(url)} to ${target} (${statSync(target).size} bytes, ` +
				`${Number(events.rows[0]![0])} learning events, integrity ok) in ${Date.now() - started} ms.`
		);
	} else {
		await backupRemote(url, process.env.DATABASE_AUTH_TOKEN || undefined, target);
		console.log(
			`Dumped the libSQL server's database to ${target} (${statSync(target).size} bytes of SQL) ` +
				`in ${Date.now() - started} ms.`
		);
	}
} catch (error) {
	fail(error instanceof Error ? error.message : String(error));
}
