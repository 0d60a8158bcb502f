/**
 * `npm run test:remote`: the remote libSQL mode, on a local sqld (installed on first use, see sqld.ts).
 * 1. The Playwright files that write and read through the suite's server (below), with the app and the
 *    tests on a fresh sqld database.
 * 2. Two app instances on one sqld (two-instances.ts), its backups and restores.
 * `REMOTE_TESTS=skip` skips this locally; `REMOTE_TESTS=instances` runs step 2 only.
 * Ports: E2E_PORT for the app under Playwright, SQLD_PORT / SQLD_PORT_2 and REMOTE_APP_PORTS="a,b" to
 * pin the others on a shared machine (free ports otherwise).
 */
import { spawnSync } from 'node:child_process';
import { freePort, sqldOrSkip, startSqld } from './sqld.ts';
import { twoInstances } from './two-instances.ts';

const bin = sqldOrSkip(
	'The remote-mode tests (e2e suite on sqld, two app instances, sqld backups)'
);
if (!bin) process.exit(0);

/**
 * On sqld, the files whose pages write or read the suite's database: learning and its evidence checks,
 * accounts and sign-in limits (a table), two-step sign-in, campaigns and in-person sessions, baselines,
 * the dashboard, held groups, erasure, forged input, and the closing rollup check. The rest of the suite
 * runs only once, in `npm run test:e2e`: its files either start servers on database files of their own
 * (the map, the dashboard and report screens, the place picker) or check what a page looks like and
 * sends (screenshots, axe, headers, the service worker), which is the same HTML whatever the database.
 * Names given on the command line replace this list.
 */
const onSqld = [
	'accounts',
	'baselines',
	'campaigns',
	'dashboard.test',
	'forged-input',
	'held',
	'in-person',
	'learner-flow',
	'offline-recording',
	'privacy-and-pwa',
	'role-matrix',
	'security-limits',
	'two-factor',
	'zz-rollups-verify'
].map((name) => `tests/e2e/${name}${name.endsWith('.test') ? '' : '.test'}.ts`);

const timings: string[] = [];
const started = Date.now();
try {
	if (process.env.REMOTE_TESTS !== 'instances') {
		const sqld = await startSqld(bin, await freePort(process.env.SQLD_PORT));
		console.log(`${onSqld.length} Playwright files against sqld at ${sqld.url}:`);
		const e2e = spawnSync(
			'npx',
			['playwright', 'test', ...(process.argv.length > 2 ? process.argv.slice(2) : onSqld)],
			{
				stdio: 'inherit',
				env: { ...process.env, E2E_DATABASE_URL: sqld.url }
			}
		);
		await sqld.stop();
		timings.push(`e2e on sqld ${((Date.now() - started) / 1000).toFixed(1)} s`);
		if (e2e.status !== 0) throw new Error(`the Playwright files failed against sqld`);
	}
	const instances = Date.now();
	console.log('Two app instances on one sqld:');
	await twoInstances(bin);
	timings.push(`two instances + backups ${((Date.now() - instances) / 1000).toFixed(1)} s`);
	console.log(`Remote mode passed (${timings.join(', ')}).`);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
}
