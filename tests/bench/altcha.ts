/**
 * `npm run bench:altcha`: what an in-page proof of work (ALTCHA, `altcha-lib` v2) would cost, to decide
 * whether `/start` should ask for one (issue 15, threat model §2). Printed in one run:
 * - the server's cost to make and to check one challenge;
 * - an attacker's cost: solving in Node (native PBKDF2, one core), as learners a core makes per minute;
 * - a resident's wait: solving in Chromium as the page would, as is and with the page's CPU slowed 4×
 *   (DevTools throttling, Lighthouse's mobile setting; it slows WebCrypto's PBKDF2 too);
 * - the JavaScript a phone would download for the solver alone (gzip), before any widget.
 * Settings: ALTCHA_RUNS (challenges per setting, default 5), CHROME_PATH.
 */
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createChallenge, randomInt, solveChallenge, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { Challenge } from 'altcha-lib/types';
import { percentile } from './reach-common.ts';

const runs = Number(process.env.ALTCHA_RUNS ?? 5);
const secret = 'bench secret';
/** The library's documented setting, and one a tenth as hard. */
const settings = [
	{ label: 'documented (cost 5,000, counter 5,000–10,000)', cost: 5_000, from: 5_000, to: 10_000 },
	{ label: 'a tenth (cost 500, counter 5,000–10,000)', cost: 500, from: 5_000, to: 10_000 }
];

const challenge = (s: (typeof settings)[number]) =>
	createChallenge({
		algorithm: 'PBKDF2/SHA-256',
		cost: s.cost,
		counter: randomInt(s.from, s.to),
		deriveKey,
		hmacSignatureSecret: secret
	});

const ms = (xs: number[]) =>
	`median ${percentile(xs, 50).toFixed(0)} ms, p90 ${percentile(xs, 90).toFixed(0)} ms`;

// The solver as a page would ship it: the library's solve with the browser's WebCrypto PBKDF2.
const bundle = await build({
	stdin: {
		contents: `import { solveChallenge } from 'altcha-lib';
			import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
			window.solve = (challenge) => solveChallenge({ challenge, deriveKey });`,
		resolveDir: process.cwd()
	},
	bundle: true,
	minify: true,
	format: 'iife',
	write: false
});
const solverJs = bundle.outputFiles[0]!.text;
console.log(
	`solver JavaScript a phone would download: ${gzipSync(solverJs).length.toLocaleString('en-US')} bytes gzip (no widget, no strings)`
);

// WebCrypto needs a secure context: the page comes from loopback (127.0.0.1 is one), not about:blank.
const site = createServer((_, response) =>
	response.end('<!doctype html><title>solve</title>', 'utf8')
).listen(0, '127.0.0.1');
await new Promise((resolve) => site.once('listening', resolve));
const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;

const browser = await chromium.launch({
	executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium'
});
try {
	for (const s of settings) {
		const made: number[] = [];
		const checked: number[] = [];
		const node: number[] = [];
		const challenges: Challenge[] = [];
		for (let i = 0; i < runs; i++) {
			let t0 = performance.now();
			const c = await challenge(s);
			made.push(performance.now() - t0);
			t0 = performance.now();
			const solution = await solveChallenge({ challenge: c, deriveKey });
			node.push(performance.now() - t0);
			if (!solution) throw new Error('Node did not solve a challenge');
			t0 = performance.now();
			const result = await verifySolution({
				challenge: c,
				solution,
				deriveKey,
				hmacSignatureSecret: secret
			});
			checked.push(performance.now() - t0);
			if (!result.verified) throw new Error('a solution was not verified');
			challenges.push(c);
		}
		console.log(`\n${s.label}, ${runs} challenges`);
		console.log(`  server: make ${ms(made)}; check ${ms(checked)}`);
		const perMinute = Math.floor(60_000 / percentile(node, 50));
		console.log(
			`  attacker, Node on one core: ${ms(node)} → about ${perMinute.toLocaleString('en-US')} learners a core-minute`
		);
		for (const rate of [1, 4]) {
			const page = await browser.newPage();
			await page.goto(siteUrl);
			await page.addScriptTag({ content: solverJs });
			const cdp = await page.context().newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate });
			const phone: number[] = [];
			for (const c of challenges) {
				phone.push(
					await page.evaluate(async (c) => {
						const t0 = performance.now();
						const solved = await (
							window as unknown as { solve: (c: unknown) => Promise<unknown> }
						).solve(c);
						if (!solved) throw new Error('the page did not solve a challenge');
						return performance.now() - t0;
					}, c)
				);
			}
			console.log(
				`  resident, Chromium${rate > 1 ? ` with the page's CPU ${rate}× slower` : ''}: ${ms(phone)}`
			);
			await page.close();
		}
	}
} finally {
	await browser.close();
	site.close();
}
