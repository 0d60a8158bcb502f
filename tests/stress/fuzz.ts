/**
 * Bad input: thousands of malformed requests to every form action and endpoint, as each kind of person
 * (wrong types, missing and unknown fields, huge bodies, invalid UTF-8, wrong content types, forged ids,
 * negative numbers, SQL and script fragments, JSON bombs). Never a 5xx, the server stays up, bodies over
 * the limit get 413, and no row changes: every table is checksummed before and after (every 25 requests,
 * so a change is traced to a few requests). A seeded generator makes every run reproducible.
 */
import {
	fmt,
	freshDatabase,
	openClient,
	origin,
	prng,
	requireBuild,
	startServer
} from './harness.ts';
import { formRoutes, getRoutes } from './fuzz-routes.ts';
import { twoFactorRoutes } from './fuzz-two-factor.ts';
import { bodyLimit, send, type Attempt } from './fuzz-attempt.ts';
import { formAttempt, getAttempt } from './fuzz-form-attempts.ts';
import { apiAttempt } from './fuzz-api-attempts.ts';
import { changed, setUp, snapshot, unchecked } from './fuzz-setup.ts';

export { unchecked };

const checkEvery = 25;

export async function fuzzTest(short: boolean) {
	requireBuild();
	const total = Number(process.env.STRESS_FUZZ_REQUESTS ?? (short ? 1500 : 10_000));
	const seed = Number(process.env.STRESS_SEED ?? 355);
	const r = prng(seed);
	const url = freshDatabase('fuzz');
	const db = await openClient(url);
	const server = await startServer(url);
	try {
		const { c, cookies } = await setUp(db);
		type Target = () => Attempt;
		const targets: Target[] = [
			...[...formRoutes, ...twoFactorRoutes].map(
				(route) => () => formAttempt(route, c, cookies, r)
			),
			...Array.from({ length: 4 }, () => () => apiAttempt(c, cookies, r)),
			...getRoutes.map((route) => () => getAttempt(route, c, cookies, r))
		];
		const histogram = new Map<string, Map<number, number>>();
		const problems: string[] = [];
		let tooLargeSeen = 0;
		let resets = 0;
		let window: string[] = [];
		let before = await snapshot(db);
		const started = Date.now();
		// STRESS_FUZZ_ONLY=12,345 replays only those requests of the seeded sequence (to reproduce a finding).
		const only = new Set(
			(process.env.STRESS_FUZZ_ONLY ?? '').split(',').filter(Boolean).map(Number)
		);
		for (let i = 0; i < total; i++) {
			const attempt = targets[i % targets.length]!();
			if (only.size && !only.has(i)) continue;
			let { status, text } = await send(attempt);
			// A keep-alive connection the server had just closed (after refusing a huge body unread, it does
			// not keep the connection) resets the next request on it: sent again once, and counted.
			if (status === 0 && /ECONNRESET|other side closed/.test(text) && !attempt.tooLarge) {
				resets++;
				({ status, text } = await send(
					attempt.again ? { ...attempt, body: attempt.again() } : attempt
				));
			}
			if (only.size)
				console.log(`#${i}`, status, text.slice(0, 200), String(attempt.body).slice(0, 600));
			const what = `#${i} ${attempt.route} as ${attempt.who} (${attempt.mode}, ${attempt.method} ${attempt.path.slice(0, 120)})`;
			window.push(what);
			const counts = histogram.get(attempt.route) ?? new Map<number, number>();
			counts.set(status, (counts.get(status) ?? 0) + 1);
			histogram.set(attempt.route, counts);
			if (status === 0 || status >= 500) problems.push(`${what} → ${status}: ${text}`);
			if (server.process.exitCode !== null || server.process.signalCode !== null) {
				problems.push(`the server died after ${what}`);
				break;
			}
			if (attempt.tooLarge) {
				if (status === 413) tooLargeSeen++;
				// Refused before the body is read (sign in first, not allowed, no such thing) is fine too.
				else if (![303, 401, 403, 404, 405].includes(status)) {
					problems.push(`${what}: a body over ${bodyLimit} bytes answered ${status}, not 413`);
				}
			}
			if (only.size || (i + 1) % checkEvery === 0 || i === total - 1) {
				const after = await snapshot(db);
				const tables = changed(before, after);
				if (tables.length)
					problems.push(
						`rows changed in ${tables.join(', ')} by one of:\n    ${window.join('\n    ')}`
					);
				before = after;
				window = [];
			}
		}
		const seconds = (Date.now() - started) / 1000;
		const alive = await fetch(`${origin}/`)
			.then((res) => res.status)
			.catch(() => 0);
		if (alive !== 200 || server.process.exitCode !== null)
			problems.push(`the server is not answering after the run (${alive})`);

		console.log(
			`fuzz: ${fmt(total)} malformed requests in ${seconds.toFixed(1)} s over ${histogram.size} routes, seed ${seed}`
		);
		for (const [route, counts] of [...histogram].sort()) {
			const n = [...counts.values()].reduce((a, b) => a + b, 0);
			const statuses = [...counts]
				.sort(([a], [b]) => a - b)
				.map(([s, k]) => `${s}×${k}`)
				.join(' ');
			console.log(`  ${route.padEnd(44)} ${String(n).padStart(5)}  ${statuses}`);
		}
		console.log(
			`  bodies over the ${bodyLimit / 1024} KiB limit answered 413: ${tooLargeSeen}; tables checked: every one but ${unchecked.join(', ')}`
		);
		console.log(`  connections reset by the server and the request sent again: ${resets}`);
		if (problems.length) {
			throw new Error(
				`fuzz test failed (${problems.length} problems):\n${problems.slice(0, 30).join('\n')}\nserver stderr:\n${server.stderr().slice(-4000)}`
			);
		}
		return { total, routes: histogram.size, tooLargeSeen, resets };
	} finally {
		db.close();
		await server.stop();
	}
}
