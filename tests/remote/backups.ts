/** Remote backups: a dump under live writes restored into a new sqld, a cold copy restarted. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { eventsFor, postEvents, type App } from './app.ts';
import { run } from '../process.ts';
import { freePort, startSqld, type Sqld } from './sqld.ts';
import { check, note, scalar, type Ledger } from './checks.ts';

export async function restoreDump(bin: string, sqld: Sqld, apps: App[], cookies: string[]) {
	// Keep writing through both instances while the dump is taken.
	const ledger: Ledger = { acked: new Set(), created: new Map(), ackedAt: new Map() };
	let writing = true;
	let seed = 1000;
	const writer = async (w: number) => {
		while (writing) {
			const cookie = cookies[seed % cookies.length]!;
			note(ledger, await postEvents(apps[w % 2]!.origin, cookie, eventsFor(10, seed++)));
		}
	};
	const failures: unknown[] = [];
	const writers = Promise.all(
		[0, 1, 2].map((w) => writer(w).catch((error: unknown) => failures.push(error)))
	);
	await new Promise((r) => setTimeout(r, 1000));
	const dir = mkdtempSync(resolve('tests/.tmp/remote-backup-'));
	const dump = join(dir, 'dump.sql');
	const started = Date.now();
	run('npm', ['run', '-s', 'db:backup', '--', dump], { DATABASE_URL: sqld.url });
	writing = false;
	await writers;
	if (failures.length) throw failures[0];
	const before = [...ledger.ackedAt].filter(([, at]) => at < started).map(([id]) => id);

	const fresh = await startSqld(bin, await freePort(process.env.SQLD_PORT_2));
	try {
		console.log(
			'  ' + run('npm', ['run', '-s', 'db:restore', '--', dump], { DATABASE_URL: fresh.url }).trim()
		);
		const restored = createClient({ url: fresh.url });
		const ids = new Set(
			(await restored.execute('SELECT id FROM learning_events')).rows.map((r) => String(r[0]))
		);
		check(
			before.every((id) => ids.has(id)),
			`the dump holds all ${before.length} events acknowledged under live writes before it began`
		);
		check(
			(await scalar(
				restored,
				'SELECT count(*) FROM quiz_attempts WHERE id NOT IN (SELECT id FROM learning_events)'
			)) === 0,
			'every restored quiz attempt has its event'
		);
		restored.close();
	} finally {
		await fresh.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

/** sqld's data folder copied while sqld is stopped, and a new sqld started on the copy. */
export async function restoreColdCopy(bin: string, sqld: Sqld, events: number): Promise<void> {
	await sqld.stop(true);
	const copy = mkdtempSync(resolve('tests/.tmp/sqld-copy-'));
	cpSync(sqld.dir, copy, { recursive: true });
	const restarted = await startSqld(bin, await freePort(process.env.SQLD_PORT_2), copy);
	try {
		const client = createClient({ url: restarted.url });
		const n = await scalar(client, 'SELECT count(*) FROM learning_events');
		check(
			n === events,
			`sqld started on a copy of its stopped data folder has all ${events} events`
		);
		const problems = await client.execute('PRAGMA integrity_check');
		check(String(problems.rows[0]?.[0]) === 'ok', 'and passes PRAGMA integrity_check');
		client.close();
	} finally {
		await restarted.stop();
	}
}
