/**
 * `npm run test:remote`: the remote libSQL mode, on a local sqld (installed on first use, see sqld.ts).
 * 1. The whole Playwright suite with the app and the tests on a fresh sqld database.
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

const timings: string[] = [];
const started = Date.now();
try {
	if (process.env.REMOTE_TESTS !== 'instances') {
		const sqld = await startSqld(bin, await freePort(process.env.SQLD_PORT));
		console.log(`The Playwright suite against sqld at ${sqld.url}:`);
		const e2e = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
			stdio: 'inherit',
			env: { ...process.env, E2E_DATABASE_URL: sqld.url }
		});
		await sqld.stop();
		timings.push(`e2e on sqld ${((Date.now() - started) / 1000).toFixed(1)} s`);
		if (e2e.status !== 0) throw new Error(`the Playwright suite failed against sqld`);
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
