/**
 * Lighthouse (Debian chromium, mobile settings) on a lesson page and the home page of the built app:
 * prints performance, accessibility and best-practices scores and the bytes transferred on a first
 * visit. Run `npm run build && npm run bench:lighthouse`. Loopback only; a fresh database.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { serverEnv } from '../process.ts';

const port = Number(process.env.LIGHTHOUSE_PORT ?? 4392);
const origin = `http://127.0.0.1:${port}`;
const dir = 'tests/.tmp/lighthouse';
const database = `file:${dir}/app.db`;
const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const seeded = spawnSync('npm', ['run', '-s', 'db:seed'], {
	env: { ...process.env, DATABASE_URL: database },
	stdio: 'inherit'
});
if (seeded.status !== 0) throw new Error('db:seed failed');

const server = spawn('node', ['build'], {
	env: serverEnv(database, port),
	stdio: ['ignore', 'ignore', 'inherit']
});

async function waitForServer(): Promise<void> {
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`${origin}/`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('the server did not start');
}

/** A learner with a district, as /start makes one: lesson pages need it. */
async function learnerCookie(): Promise<string> {
	const response = await fetch(`${origin}/start`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ region: 'dong-thap-2026:29869' })
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('learner='));
	if (!cookie) throw new Error(`no learner cookie from /start (${response.status})`);
	return cookie.split(';')[0]!;
}

interface Figures {
	page: string;
	performance: number;
	accessibility: number;
	bestPractices: number;
	transferKb: number;
	requests: number;
	lcpMs: number;
}

function lighthouse(path: string, cookie: string, name: string): Figures {
	const output = join(dir, `${name}.json`);
	const result = spawnSync(
		'npx',
		[
			'lighthouse',
			`${origin}${path}`,
			'--quiet',
			'--output=json',
			`--output-path=${output}`,
			'--only-categories=performance,accessibility,best-practices',
			'--form-factor=mobile',
			`--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
			'--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage'
		],
		{ env: { ...process.env, CHROME_PATH: chrome }, stdio: ['ignore', 'ignore', 'inherit'] }
	);
	if (result.status !== 0) throw new Error(`lighthouse failed on ${path}`);
	const report = JSON.parse(readFileSync(output, 'utf8'));
	const score = (id: string) => Math.round(report.categories[id].score * 100);
	return {
		page: path,
		performance: score('performance'),
		accessibility: score('accessibility'),
		bestPractices: score('best-practices'),
		transferKb: Math.round(report.audits['total-byte-weight'].numericValue / 102.4) / 10,
		requests: report.audits['network-requests'].details.items.length,
		lcpMs: Math.round(report.audits['largest-contentful-paint'].numericValue)
	};
}

try {
	await waitForServer();
	const cookie = await learnerCookie();
	const rows = [
		lighthouse('/courses/online-scams/stop-verify-report', cookie, 'lesson'),
		lighthouse('/courses/online-scams/stop-verify-report/quiz', cookie, 'quiz'),
		lighthouse('/', cookie, 'home')
	];
	console.log(
		`Lighthouse ${new Date().toISOString().slice(0, 10)}, mobile (simulated slow 4G, 4x CPU)`
	);
	console.table(rows);
	console.log(`Reports: ${dir}/*.json`);
} finally {
	server.kill();
}
