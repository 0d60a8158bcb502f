/** The reach bench's settings, fresh database files, timing helpers and `node build` servers. */
import { run, serverEnv } from '../process.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { buildCatalogue } from '../../src/lib/server/content/catalogue.ts';
import { readContentDir } from '../../src/lib/server/content/read-dir.ts';

export const dir = process.env.BENCH_DIR ?? 'tests/.tmp/bench';
export const port = Number(process.env.BENCH_PORT ?? 4391);
const serverBuild = process.env.BENCH_BUILD ?? 'build';
export const origin = `http://127.0.0.1:${port}`;
export const adminPassword = 'bench admin password';

export const catalogue = buildCatalogue(readContentDir('content')).catalogue;
export const lessons = catalogue.courses.flatMap((c) =>
	c.lessons.map((l) => ({ course: c.slug, lesson: l.slug, quiz: l.quiz }))
);

export function fresh(name: string): string {
	const path = join(dir, name);
	rmSync(path, { force: true });
	rmSync(`${path}-wal`, { force: true });
	rmSync(`${path}-shm`, { force: true });
	return `file:${path}`;
}

export async function open(url: string): Promise<Client> {
	run('npm', ['run', '-s', 'db:seed'], { DATABASE_URL: url });
	const client = createClient({ url, concurrency: 1 });
	await client.execute('PRAGMA journal_mode = WAL');
	await client.execute('PRAGMA synchronous = FULL');
	return client;
}

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const percentile = (xs: number[], p: number) =>
	[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** CPU time of this process in ms (user + system). */
export const ownCpuMs = () => {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
};

/** CPU time of another process in ms, from /proc (clock ticks of 10 ms). */
export function cpuMsOf(child: ChildProcess): number {
	const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

export type Rate = { rate: number; cpuMsPerThousand: number };

// A failed step must not leave its server holding the port for the next run.
const servers = new Set<ChildProcess>();
process.on('exit', () => servers.forEach((server) => server.kill()));

export function startServer(url: string, at = port): Promise<ChildProcess> {
	const profile = process.env.BENCH_CPU_PROF;
	const args = [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), serverBuild];
	const server = spawn('node', args, {
		// Every batch comes from one loopback address: the per-address event limit would measure
		// itself, not the ingest path.
		env: serverEnv(url, at),
		stdio: ['ignore', 'pipe', 'inherit']
	});
	servers.add(server);
	return new Promise((resolve, reject) => {
		server.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('Listening')) resolve(server);
		});
		server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
	});
}

export function peakMemoryMb(server: ChildProcess): number {
	const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
	return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}
