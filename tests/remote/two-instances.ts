/**
 * Two app instances (`node build`) on one libSQL server, written to at once: the "outgrow one machine"
 * set-up. Checks that every acknowledged learning event is stored once (also when the same batch reaches
 * both instances at the same moment), that sign-in limits are shared (the 6th failed sign-in of an account
 * is refused whichever instance gets it, and concurrent failures are all counted), and that the rollups
 * the two instances' background steps maintain, running concurrently, equal a recomputation.
 * Then backs the server up under live writes (`npm run db:backup`, sqld's /dump) and restores it into a
 * new server (`npm run db:restore`), and restarts sqld from a copy of its stopped data folder.
 */
import type { Client } from '@libsql/client';
import { openDatabase } from '../../src/lib/server/db/client.ts';
import { verifyRollups } from '../../src/lib/server/reach/verify.ts';
import { eventsFor, newLearner, postEvents, signIn, startApp, type App } from './app.ts';
import { run, testLimits } from '../process.ts';
import { freePort, startSqld } from './sqld.ts';
import { check, note, scalar, until, type Ledger } from './checks.ts';
import { restoreColdCopy, restoreDump } from './backups.ts';

const password = 'remote test password, test only';
const learnerCount = Number(process.env.REMOTE_LEARNERS ?? 24);
const eventsPerLearner = Number(process.env.REMOTE_EVENTS_PER_LEARNER ?? 40);

async function ingest(apps: App[], cookies: string[], ledger: Ledger): Promise<number> {
	// Batches of 20 over 6 connections, each to a random instance; every 5th batch goes to both
	// instances at the same moment, and every 7th is sent again later (an offline outbox's retry).
	const batches = cookies.flatMap((cookie, i) => {
		const events = eventsFor(eventsPerLearner, i);
		return Array.from({ length: Math.ceil(events.length / 20) }, (_, b) => ({
			cookie,
			events: events.slice(b * 20, b * 20 + 20)
		}));
	});
	const retries: typeof batches = [];
	let next = 0;
	let sent = 0;
	const worker = async () => {
		while (next < batches.length) {
			const n = next++;
			const batch = batches[n]!;
			const targets = n % 5 === 0 ? apps : [apps[Math.floor(Math.random() * apps.length)]!];
			const answers = await Promise.all(
				targets.map((app) => postEvents(app.origin, batch.cookie, batch.events))
			);
			for (const results of answers) note(ledger, results);
			sent += batch.events.length * targets.length;
			if (n % 7 === 0) retries.push(batch);
		}
	};
	await Promise.all(Array.from({ length: 6 }, worker));
	let answeredDuplicate = 0;
	for (const [i, batch] of retries.entries()) {
		const results = await postEvents(apps[i % 2]!.origin, batch.cookie, batch.events);
		if (results.every((r) => r.status === 'duplicate')) answeredDuplicate++;
		note(ledger, results);
		sent += batch.events.length;
	}
	check(
		answeredDuplicate === retries.length,
		`${retries.length} batches sent again later answer "duplicate" for every event`
	);
	return sent;
}

async function signInLimits(apps: App[], client: Client): Promise<void> {
	const [a, b] = apps as [App, App];
	// One account, failures alternating between the instances: five wrong passwords answered 400.
	const statuses: number[] = [];
	for (let i = 0; i < 5; i++)
		statuses.push(await signIn(apps[i % 2]!.origin, 'remote-admin', 'no'));
	check(
		statuses.every((s) => s === 400),
		`5 failed sign-ins over both instances answer 400 (${statuses})`
	);
	check(
		(await signIn(b.origin, 'remote-admin', 'no')) === 429,
		'the 6th failure on instance B: 429'
	);
	check((await signIn(a.origin, 'remote-admin', 'no')) === 429, 'a 7th failure on instance A: 429');
	check(
		(await signIn(a.origin, 'remote-admin', password)) === 429,
		'the right password is refused too while the account is limited'
	);
	// Another name, 12 failures at once over both instances: every one counted (atomic increments), and
	// no more than 5 of them answered as an ordinary wrong password.
	const burst = await Promise.all(
		Array.from({ length: 12 }, (_, i) => signIn(apps[i % 2]!.origin, 'remote-ghost', 'no'))
	);
	const counted = await scalar(client, 'SELECT count FROM rate_limits WHERE key = ?', [
		'signInPerAccount:remote-ghost'
	]);
	check(counted === 12, `12 concurrent failures over both instances count 12 (counted ${counted})`);
	const plain = burst.filter((s) => s === 400).length;
	check(
		plain <= 5 && burst.every((s) => s === 400 || s === 429),
		`at most 5 of them answer 400, the others 429 (${plain} × 400)`
	);
	check((await signIn(b.origin, 'remote-ghost', 'no')) === 429, 'the next attempt: 429');
}

export async function twoInstances(bin: string): Promise<void> {
	const sqld = await startSqld(bin, await freePort(process.env.SQLD_PORT));
	const env = { DATABASE_URL: sqld.url };
	const apps: App[] = [];
	try {
		run('npm', ['run', '-s', 'db:seed'], env);
		run('npm', ['run', '-s', 'admin:create', '--', 'remote-admin'], env, `${password}\n`);
		const ports = (process.env.REMOTE_APP_PORTS ?? '').split(',').filter(Boolean);
		// Both share the sign-in limits they are tested on (5 failures per account); the rest are lifted.
		const limits = { RATE_LIMITS: testLimits({ signInPerAccount: [5, 3600] }) };
		for (const i of [0, 1]) apps.push(await startApp(sqld.url, await freePort(ports[i]), limits));
		console.log(`sqld at ${sqld.url}; instances at ${apps.map((a) => a.origin).join(' and ')}`);
		const database = await openDatabase(sqld.url);
		const client = database.client;

		const cookies = await Promise.all(
			Array.from({ length: learnerCount }, (_, i) => newLearner(apps[i % 2]!.origin, i))
		);
		// Their learning is spread over the past 400 days: they joined before it (no event may claim
		// to be older than its learner).
		// (Not in 1970: the server's retirement of inactive learners would unlink them a minute after
		// start-up, before the first of their events arrived.)
		await client.execute({
			sql: 'UPDATE learners SET created_at = ?',
			args: [Date.now() - 401 * 86_400_000]
		});
		const ledger: Ledger = { acked: new Set(), created: new Map(), ackedAt: new Map() };
		const started = Date.now();
		const sent = await ingest(apps, cookies, ledger);
		console.log(
			`  ${sent} events posted (${ledger.acked.size} distinct) in ${Date.now() - started} ms`
		);
		const stored = await scalar(client, 'SELECT count(*) FROM learning_events');
		check(stored === ledger.acked.size, `every acknowledged event is stored once (${stored} rows)`);
		const ids = new Set(
			(await client.execute('SELECT id FROM learning_events')).rows.map((r) => String(r[0]))
		);
		check(
			[...ledger.acked].every((id) => ids.has(id)),
			'each acknowledged id is in the database'
		);
		check(
			[...ledger.acked].every((id) => ledger.created.get(id) === 1),
			'each id was answered "created" exactly once, even when both instances got it at once'
		);

		await signInLimits(apps, client);

		// Each instance folds new events 250 ms after its writes and every 10 s: wait for them, without
		// folding anything from here, then compare with a recomputation.
		await until('the instances fold every event into the rollups', async () => {
			const last = await scalar(client, 'SELECT last_rowid FROM rollup_state WHERE id = 1');
			return last === (await scalar(client, 'SELECT max(rowid) FROM learning_events'));
		});
		const v = await verifyRollups(database.db);
		check(
			v.firstsWrong === 0 && v.monthlyWrong === 0,
			`rollups from both instances' steps equal a recomputation (${v.firstsChecked} first days, ${v.monthlyChecked} monthly counts)`
		);
		const verify = run('npm', ['run', '-s', 'reach:verify'], env);
		check(/the rollups equal the recomputation/.test(verify), 'npm run reach:verify agrees');

		await restoreDump(bin, sqld, apps, cookies);
		for (const app of apps) {
			const logged = app.errors();
			check(!/rollup step failed|SQLITE_|Error:/.test(logged), `${app.origin} logged no error`);
		}
		for (const app of apps.splice(0)) await app.stop();
		const events = await scalar(client, 'SELECT count(*) FROM learning_events');
		client.close();
		await restoreColdCopy(bin, sqld, events);
	} catch (error) {
		for (const app of apps) console.error(`${app.origin} stderr:\n${app.errors()}`);
		throw error;
	} finally {
		for (const app of apps) await app.stop();
		await sqld.stop();
	}
}
