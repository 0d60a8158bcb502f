/**
 * What the e2e tests' own second servers share (the map, the dashboard screens, the annual report):
 * the built app on a database file of their own, on a port beside the suite's, and a client of that
 * file that waits for the server's writes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createClient, type Client } from '@libsql/client';
import { serverEnv } from '../process.ts';

/** Starts `node build` on `file` and resolves once it listens; the function it gives stops it. */
export async function startBuiltServer(file: string, port: number): Promise<() => Promise<void>> {
	const child: ChildProcess = spawn('node', ['build'], {
		env: serverEnv(`file:${file}`, port, { LOG_LEVEL: 'warn' }),
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let errors = '';
	child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no server in 60 s: ${errors}`)), 60_000);
		child.stdout!.on('data', (chunk: Buffer) => {
			if (!chunk.toString().includes('Listening')) return;
			clearTimeout(timer);
			resolve();
		});
		void exited.then(() => reject(new Error(`the server exited: ${errors}`)));
	});
	return async () => {
		if (child.exitCode !== null) return;
		child.kill('SIGTERM');
		await exited;
	};
}

/** A client of the server's database file: a write waits for the server's lock instead of failing. */
export async function waitingClient(file: string): Promise<Client> {
	const client = createClient({ url: `file:${file}` });
	await client.execute('PRAGMA busy_timeout = 10000');
	return client;
}
