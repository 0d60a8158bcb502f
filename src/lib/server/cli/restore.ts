/**
 * `npm run db:restore -- <backup>`: puts a backup made by `npm run db:backup` into DATABASE_URL, which
 * must be new (the app stopped and the old file moved aside, or an empty libSQL server); it never
 * overwrites data.
 * - A database file is copied into place (embedded DATABASE_URL only), then checked.
 * - An SQL dump is replayed (embedded file or libSQL server), then the rollups are rebuilt from the raw
 *   events, because a dump does not promise the rowids that the rollups' watermark counts on.
 * Either way it ends with the rollup check of `npm run reach:verify`.
 */
import { constants, copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { filePath, isSqliteFile, problemsOf } from '../db/backup.ts';
import { defaultDatabaseUrl, openDatabase } from '../db/client.ts';
import { rebuildRollups } from '../reach/rebuild.ts';
import { catchUp } from '../reach/step.ts';
import { verifyRollups } from '../reach/verify.ts';

const source = process.argv[2];
const url = process.env.DATABASE_URL || defaultDatabaseUrl;

function fail(message: string): never {
	console.error(`db:restore failed: ${message}`);
	process.exit(1);
}

if (!source || !existsSync(source)) fail('give an existing backup: npm run db:restore -- <backup>');
const started = Date.now();
try {
	const file = isSqliteFile(source);
	if (file) {
		if (!url.startsWith('file:')) {
			fail(
				'a database file restores into an embedded DATABASE_URL=file:…; use a dump for a server'
			);
		}
		const target = filePath(url);
		for (const path of [target, `${target}-wal`, `${target}-shm`]) {
			if (existsSync(path)) fail(`${path} exists: stop the app and move the old database aside`);
		}
		copyFileSync(resolve(source), target, constants.COPYFILE_EXCL);
	}
	const database = await openDatabase(url);
	const { client, db } = database;
	if (file) {
		const problems = await problemsOf(client);
		if (problems.length) {
			client.close();
			rmSync(filePath(url), { force: true });
			fail(`the backup is damaged, nothing restored: ${problems.join('; ')}`);
		}
	} else {
		const tables = await client.execute(
			"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'libsql_%'"
		);
		if (Number(tables.rows[0]![0]) > 0) {
			fail('DATABASE_URL already has tables: restore a dump into a new, empty database');
		}
		await client.executeMultiple(readFileSync(source, 'utf8'));
		const problems = await problemsOf(client);
		if (problems.length) fail(`the restored database is damaged: ${problems.join('; ')}`);
		await rebuildRollups(db);
	}
	await catchUp(db, 100_000);
	const v = await verifyRollups(db);
	const events = await client.execute('SELECT count(*) FROM learning_events');
	client.close();
	if (v.firstsWrong || v.monthlyWrong) {
		fail(`restored, but the rollups differ from a recomputation: run npm run reach:rebuild`);
	}
	console.log(
		`Restored ${source} into ${url.startsWith('file:') ? filePath(url) : url.split('?')[0]} ` +
			`(${Number(events.rows[0]![0])} learning events, integrity ok, rollups equal the recomputation) ` +
			`in ${Date.now() - started} ms.`
	);
} catch (error) {
	fail(error instanceof Error ? error.message : String(error));
}
