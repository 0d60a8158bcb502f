/**
 * `npm run test:backup`: the embedded file backed up while the app runs and learners keep writing, then
 * restored the documented way (stop the app, move the old file aside, `npm run db:restore`, start).
 * Checks: the copy passes PRAGMA integrity_check; every event acknowledged before the backup began is in
 * it, and nothing that was never sent; the rollups of the restored file equal a recomputation; the app
 * starts on it and keeps all its events. Needs `npm run build` first. Port: BACKUP_PORT (else a free one).
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { eventsFor, newLearner, postEvents, startApp, type App } from '../remote/app.ts';
import { run } from '../process.ts';
import { freePort } from '../remote/sqld.ts';

const dir = 'tests/.tmp/backup';
const live = join(dir, 'live.db');
const backup = join(dir, 'backup.db');

function check(ok: boolean, what: string): void {
	if (!ok) throw new Error(`FAILED: ${what}`);
	console.log(`  ok  ${what}`);
}

async function ids(path: string): Promise<Set<string>> {
	const client = createClient({ url: `file:${path}` });
	const rows = (await client.execute('SELECT id FROM learning_events')).rows;
	client.close();
	return new Set(rows.map((r) => String(r[0])));
}

const started = Date.now();
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const env = { DATABASE_URL: `file:${live}` };
const port = await freePort(process.env.BACKUP_PORT);
let app: App | undefined;
try {
	run('npm', ['run', '-s', 'db:seed'], env);
	app = await startApp(env.DATABASE_URL, port);
	const origin = app.origin;
	const cookies = await Promise.all(Array.from({ length: 12 }, (_, i) => newLearner(origin, i)));
	// Their learning is spread over the past 400 days: they joined before it.
	const joined = createClient({ url: env.DATABASE_URL });
	// (Not in 1970: the server's retirement of inactive learners would unlink them a minute after
	// start-up, before the first of their events arrived.)
	await joined.execute({
		sql: 'UPDATE learners SET created_at = ?',
		args: [Date.now() - 401 * 86_400_000]
	});
	joined.close();

	// Four learners' phones keep syncing batches of 10 through the API for the whole backup.
	const sent = new Set<string>();
	const ackedAt = new Map<string, number>();
	let writing = true;
	let seed = 0;
	const writer = async () => {
		while (writing) {
			const n = seed++;
			const events = eventsFor(10, n);
			for (const e of events) sent.add(e.id as string);
			const results = await postEvents(origin, cookies[n % cookies.length]!, events);
			const now = Date.now();
			for (const r of results) if (r.status === 'created') ackedAt.set(r.id, now);
		}
	};
	const writers = Promise.all([0, 1, 2, 3].map(writer));
	await new Promise((r) => setTimeout(r, 1500));

	const backupStarted = Date.now();
	const said = run('npm', ['run', '-s', 'db:backup', '--', backup], env);
	const backupEnded = Date.now();
	await new Promise((r) => setTimeout(r, 500));
	writing = false;
	await writers;
	console.log(`  ${said.trim()}`);

	const before = [...ackedAt].filter(([, at]) => at < backupStarted).map(([id]) => id);
	const after = [...ackedAt].filter(([, at]) => at > backupEnded).length;
	const copied = await ids(backup);
	check(
		before.every((id) => copied.has(id)),
		`the backup holds all ${before.length} events acknowledged before it began (${copied.size} in it)`
	);
	check(
		[...copied].every((id) => sent.has(id)),
		'and only events that were sent'
	);
	check(
		after > 0 && copied.size < ackedAt.size,
		`writes went on meanwhile (${after} acked after it)`
	);

	// Restore: stop, move the old file aside, restore, start.
	await app.stop();
	for (const suffix of ['', '-wal', '-shm']) {
		if (existsSync(live + suffix)) renameSync(live + suffix, `${live}.old${suffix}`);
	}
	const restoreSaid = run('npm', ['run', '-s', 'db:restore', '--', backup], env).trim();
	console.log(`  ${restoreSaid}`);
	check(/integrity ok, rollups equal the recomputation/.test(restoreSaid), 'db:restore checked it');
	const verify = run('npm', ['run', '-s', 'reach:verify'], env);
	check(/the rollups equal the recomputation/.test(verify), 'npm run reach:verify passes on it');
	app = await startApp(env.DATABASE_URL, port);
	const home = await fetch(`${app.origin}/`);
	check(home.status === 200, 'the app starts on the restored file');
	check((await ids(live)).size === copied.size, 'with every event of the backup');
	const refused = run('npm', ['run', '-s', 'db:restore', '--', backup], env, undefined, false);
	check(
		/exists: stop the app/.test(refused),
		'db:restore refuses to overwrite a database in place'
	);
	await app.stop();
	console.log(`Backup and restore of the embedded file passed in ${Date.now() - started} ms.`);
	rmSync(dir, { recursive: true, force: true });
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	if (app) console.error(`app stderr:\n${app.errors()}`);
	await app?.stop();
	process.exit(1);
}
