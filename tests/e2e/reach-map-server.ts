/**
 * The reach map's own server: the built app on a fresh database with the 102 communes of 2026 active
 * (the shared e2e server runs the 2022 districts), a first admin made by the documented command.
 */
import { expect, request } from '@playwright/test';
import { mkdirSync, rmSync } from 'node:fs';
import { run } from '../process.ts';
import { startBuiltServer, waitingClient } from './second-server';
import { postForm } from './identities';
import type { Client } from '@libsql/client';
import { firstCourse, joinedBefore, readingOf, yesterday } from './support';

// Beside the suite's own server, on a port that follows E2E_PORT (helpers on one machine do not collide).
export const port = Number(process.env.E2E_PORT ?? 4317) + 3;
export const origin = `http://127.0.0.1:${port}`;
export const admin = { username: 'map-admin', password: 'map admin password, test only' };
const file = 'tests/.tmp/map.db';
const env = { DATABASE_URL: `file:${file}` };
let opened: Promise<Client> | undefined;
/** The map's database, beside its server: waits for the server's writes rather than failing busy. */
const client = () => (opened ??= waitingClient(file));

export function freshMapDatabase(): void {
	mkdirSync('tests/.tmp', { recursive: true });
	for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
	activateSet('dong-thap-2026');
	run('npm', ['run', '-s', 'admin:create', '--', admin.username], env, `${admin.password}\n`);
}

/** Loads a shipped region set and makes it the active one, as an admin would with db:seed. */
export function activateSet(code: string): void {
	run('npm', ['run', '-s', 'db:seed', '--', `content/regions/${code}.json`], env);
}

export function startMapServer(): Promise<() => Promise<void>> {
	return startBuiltServer(file, port);
}

const lesson = firstCourse.lessons[0]!;

/** Residents of one area who each pick it on /start and finish a lesson (via the event API). */
export async function learnersIn(region: string, count: number): Promise<void> {
	await Promise.all(
		Array.from({ length: count }, async () => {
			const ctx = await request.newContext({ baseURL: origin });
			expect((await postForm(ctx, origin, '/start', { region, next: '/' })).status()).toBe(303);
			// Yesterday (the dashboard counts to the last complete day); opened a moment before it is
			// finished, as the lesson page records it (no opening: held).
			const at = yesterday();
			await joinedBefore(await client(), ctx, at);
			const events = readingOf(firstCourse.slug, lesson.slug, at);
			expect((await ctx.post('/api/events', { data: { events } })).status()).toBe(200);
			await ctx.dispose();
		})
	);
}

/**
 * Figures as they look early on (code: learners, Internet users): most communes far below 5%, two
 * demo units at the targets, two with too few people to show, one learning without a baseline.
 */
export const plan: Record<string, [number, number | null]> = {
	'28261': [12, 400], // Phường Mỹ Tho, 3%
	'30055': [10, 1000], // 1%
	'30046': [11, 2200], // 0,5%
	'30043': [14, 700], // 2%
	'30010': [20, 500], // 4%
	'29926': [13, 260], // 5%
	'28321': [10, 12], // 83,3%: the 2025 target
	'30154': [10, 11], // 90,9%: the 2030 target
	'28696': [0, 1000], // 0%
	'30073': [0, 500], // 0%
	'30001': [3, 800], // hidden
	'28327': [5, 900], // hidden
	'30130': [10, null] // no baseline
};
