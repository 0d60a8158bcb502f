/** Reach bench part 4: a change of the definition of reach, rebuilt in the server's background. */
import { createClient } from '@libsql/client';
import { origin, peakMemoryMb, percentile, startServer } from './reach-common.ts';

/** 4. The stored rollups follow an older definition: start the server and time the background rebuild. */
export async function definitionChange(url: string) {
	const client = createClient({ url });
	await client.execute('UPDATE rollup_state SET definition_version = definition_version - 1');
	const started = performance.now();
	const server = await startServer(url);
	const listeningMs = performance.now() - started;
	const times: number[] = [];
	for (;;) {
		const t0 = performance.now();
		await (await fetch(`${origin}/healthz`)).text();
		times.push(performance.now() - t0);
		const { rows } = await client.execute('SELECT rebuild_version FROM rollup_state WHERE id = 1');
		if (rows[0]?.[0] === null) break;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	const rebuildMs = performance.now() - started;
	const memory = peakMemoryMb(server);
	server.kill();
	client.close();
	return {
		listeningMs,
		rebuildMs,
		p50: percentile(times, 50),
		p99: percentile(times, 99),
		probes: times.length,
		memory
	};
}
