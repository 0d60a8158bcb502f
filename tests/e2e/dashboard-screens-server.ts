/**
 * The dashboard screens' own server: the built app on a fresh database with the 102 communes of 2026
 * (`npm run db:seed`) and a first admin made by the documented command; figures go in through the
 * app's own forms (baselines) and as residents do (POST /start, then POST /api/events).
 */
import { expect, request, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { run } from '../process.ts';
import { startBuiltServer, waitingClient } from './second-server';
import type { Client } from '@libsql/client';
import { postForm } from './identities';
import { catalogue, joinedBefore, ready } from './support';

// A second server beside the suite's own: its port follows E2E_PORT, so helpers on one machine do not collide.
export const port = Number(process.env.E2E_PORT ?? 4317) + 1;
export const origin = `http://127.0.0.1:${port}`;
export const admin = { username: 'screens-admin', password: 'screens admin password, test only' };
const file = 'tests/.tmp/dashboard-screens.db';

export const communes = (
	JSON.parse(readFileSync('content/regions/dong-thap-2026.json', 'utf8')) as {
		units: { code: string; name: string; nameEn: string }[];
	}
).units;

export async function startScreensServer(): Promise<() => Promise<void>> {
	mkdirSync('tests/.tmp', { recursive: true });
	for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
	const env = { DATABASE_URL: `file:${file}` };
	run('npm', ['run', '-s', 'db:seed'], env);
	run('npm', ['run', '-s', 'admin:create', '--', admin.username], env, `${admin.password}\n`);
	const stop = await startBuiltServer(file, port);
	return async () => {
		client?.close();
		client = null;
		await stop();
	};
}

let client: Client | null = null;
/** The server's database file, opened beside it (waiting for its lock, as the server's writes do). */
async function database() {
	client ??= await waitingClient(file);
	return client;
}

export interface Learner {
	code: string;
	daysAgo: number;
	passes: boolean;
	/** Which course (index in the catalogue) the resident learns a lesson of. */
	course: number;
	ageBand?: string;
}

/** Residents who each pick their commune on /start and finish a lesson (and maybe its quiz). */
export async function learners(list: Learner[], parallel = 6): Promise<void> {
	const queue = [...list];
	const one = async (l: Learner) => {
		const ctx = await request.newContext({ baseURL: origin });
		const form = { region: `dong-thap-2026:${l.code}`, next: '/', ageBand: l.ageBand ?? '' };
		expect((await postForm(ctx, origin, '/start', form)).status()).toBe(303);
		const course = catalogue.courses[l.course % catalogue.courses.length]!;
		const lesson = course.lessons[0]!;
		const occurredAt = Date.now() - l.daysAgo * 86_400_000;
		// They learned over the past months, so they joined before (no event is older than its learner);
		// not in 1970, which the server's retirement of inactive learners would unlink a minute after start.
		await joinedBefore(await database(), ctx, occurredAt - 300_000);
		const base = { course: course.slug, lesson: lesson.slug, occurredAt };
		const answers = Object.fromEntries(lesson.quiz.questions.map((q) => [q.id, q.correct]));
		const events = [
			// Opened first, as the lesson page records it: a lesson finished with no opening is held.
			{ id: crypto.randomUUID(), type: 'lesson_opened', ...base, occurredAt: occurredAt - 300_000 },
			{ id: crypto.randomUUID(), type: 'lesson_completed', ...base },
			...(l.passes ? [{ id: crypto.randomUUID(), type: 'quiz_submitted', ...base, answers }] : [])
		];
		expect((await ctx.post('/api/events', { data: { events } })).status()).toBe(200);
		await ctx.dispose();
	};
	await Promise.all(
		Array.from({ length: parallel }, async () => {
			for (let l = queue.shift(); l; l = queue.shift()) await one(l);
		})
	);
}

const header = 'Mã địa bàn,Tên địa bàn,Số người dùng Internet ước tính,Năm số liệu,Nguồn số liệu';

/** Saves estimates of Internet users through the baselines page's file upload, as an official would. */
export async function uploadBaselines(page: Page, rows: [code: string, users: number][]) {
	const year = new Date().getFullYear();
	const lines = rows.map(([code, users]) =>
		[code, '', users, year, 'Ước tính thử nghiệm cho ảnh chụp màn hình'].join(',')
	);
	await page.goto('/dashboard/baselines');
	await ready(page);
	await page.locator('#file').setInputFiles({
		name: 'uoc-tinh.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from([header, ...lines].join('\n'))
	});
	await page.locator('form[action="?/upload"] input[name="demo"]').check();
	await page.locator('form[action="?/upload"] button[type="submit"]').click();
	const save = page.getByRole('button', { name: `Lưu ${rows.length} dòng` });
	await expect(save).toBeVisible();
	const confirm = page.locator('input[name="confirm"]');
	if (await confirm.count()) await confirm.check();
	await save.click();
	await expect(page.locator('.success')).toContainText(`${rows.length}`);
}

/** One figure through the single form (the province's estimate for an earlier year, say). */
export async function saveBaseline(page: Page, label: string, year: number, users: number) {
	await page.goto('/dashboard/baselines');
	await ready(page);
	await page.getByLabel('Địa bàn').selectOption({ label });
	await page.getByLabel('Năm').fill(String(year));
	await page.getByLabel('Số người dùng Internet ước tính').fill(String(users));
	await page.getByLabel('Nguồn số liệu').fill('Ước tính thử nghiệm cho ảnh chụp màn hình');
	await page.getByLabel('Đây là số liệu mẫu, không phải số chính thức').check();
	await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
	await expect(page.getByText('Đã lưu.')).toBeVisible();
}

const bands = ['15-24', '25-39', '40-59', '60-plus', 'under-15', ''];

/** `count` residents of the i-th commune, learning on days spread over the last 13 months. */
const residents = (i: number, count: number): Learner[] =>
	Array.from({ length: count }, (_, j) => ({
		code: communes[i]!.code,
		daysAgo: 1 + ((i * 37 + j * 11) % 400),
		passes: j % 3 === 0,
		course: i + j,
		ageBand: bands[(i + j) % bands.length]
	}));

/** Early days: 30 communes learning (two with too few to show), 40 with an estimate, and the province's. */
export function partlyPlan() {
	const count = (i: number) => (i === 5 ? 4 : i === 12 ? 7 : 10 + ((i * 7) % 11));
	const share = (i: number) => 0.02 + ((i * 13) % 29) / 100;
	return {
		learners: [
			...Array.from({ length: 30 }, (_, i) => residents(i, count(i))).flat(),
			// Learning today is not in the figures yet: they count up to the end of yesterday.
			...residents(0, 5).map((l) => ({ ...l, daysAgo: 0 }))
		],
		baselines: Array.from({ length: 40 }, (_, i): [string, number] => [
			communes[i]!.code,
			i < 30 ? Math.round(count(i) / share(i)) : 600 + i * 10
		]),
		province: { 2025: 8_500, 2026: 9_000 }
	};
}

/** Every commune learning and with an estimate, reach from a few percent to past both targets. */
export function fullPlan() {
	const count = (i: number) => 10 + ((i * 5) % 16);
	const share = (i: number) =>
		i % 17 === 3 ? 0.93 : i % 23 === 7 ? 0.84 : 0.03 + ((i * 11) % 60) / 100;
	const baselines = communes.map((c, i): [string, number] => [
		c.code,
		Math.round((i < 30 ? 0 : count(i)) / share(i)) + (i < 30 ? 400 + i * 20 : 0)
	]);
	return {
		learners: Array.from({ length: 72 }, (_, k) => residents(30 + k, count(30 + k))).flat(),
		baselines,
		province: baselines.reduce((sum, [, users]) => sum + users, 0)
	};
}
