/**
 * The annual report's own server: the built app on a fresh database seeded by the documented commands
 * (today's 102 communes and wards), a first admin by `npm run admin:create`; learners and baselines
 * come in through the app. `reachFigures` runs the CLI the README offers for checking a report.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { expect, request, type Browser, type Page } from '@playwright/test';
import { run } from '../process.ts';
import { startBuiltServer, waitingClient } from './second-server';
import { postForm } from './identities';
import type { Client } from '@libsql/client';
import { firstCourse, learnerIdOf, readingOf, yesterday } from './support';
import { signInOnPage } from './two-factor-steps';

export const port = Number(process.env.E2E_PORT ?? 4317) + 2;
export const origin = `http://127.0.0.1:${port}`;
export const admin = { username: 'report-admin', password: 'report admin password, test only' };
const file = 'tests/.tmp/report.db';
const env = { DATABASE_URL: `file:${file}` };
let opened: Promise<Client> | null = null;
/** The server's database, opened after the server made it; a write waits for the server's lock. */
function database(): Promise<Client> {
	opened ??= waitingClient(file);
	return opened;
}

export async function startReportServer(): Promise<() => Promise<void>> {
	mkdirSync('tests/.tmp', { recursive: true });
	opened = null;
	for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
	run('npm', ['run', '-s', 'db:seed'], env);
	run('npm', ['run', '-s', 'admin:create', '--', admin.username], env, `${admin.password}\n`);
	const stop = await startBuiltServer(file, port);
	return stop;
}

export interface CliFigures {
	official: { reached: number | null; skilled: number | null };
	held: { reached: number | null };
	byYear: Record<string, { reached: number | null; skilled: number | null }>;
	units: {
		id: string;
		name: string;
		reached: number | null;
		skilled: number | null;
		reachPct: number | null;
		known: boolean;
	}[];
}

/** `npm run reach:figures -- --json` on the test's database, for the province or one scope. */
export function reachFigures(scope?: string): CliFigures {
	const args = ['run', '-s', 'reach:figures', '--', '--json', ...(scope ? ['--scope', scope] : [])];
	const out = run('npm', args, env);
	return JSON.parse(out.trim().split('\n').at(-1)!) as CliFigures;
}

const lesson = firstCourse.lessons[0]!;
const right = Object.fromEntries(lesson.quiz.questions.map((q) => [q.id, q.correct]));

/** Residents of one unit who each pick it on /start and finish a lesson (passing its quiz if asked). */
export async function learnersIn(
	region: string,
	count: number,
	{ passing = 0, at = yesterday() }: { passing?: number; at?: number } = {}
): Promise<void> {
	await Promise.all(
		Array.from({ length: count }, async (_, i) => {
			const ctx = await request.newContext({ baseURL: origin });
			expect((await postForm(ctx, origin, '/start', { region, next: '/' })).status()).toBe(303);
			// Learning from months ago: they joined before it (no event is older than its learner).
			const token = (await ctx.storageState()).cookies.find((c) => c.name === 'learner')!.value;
			await (
				await database()
			).execute({
				sql: 'UPDATE learners SET created_at = ? WHERE id = ?',
				args: [at - 86_400_000, await learnerIdOf(token)]
			});
			// Opened before it is finished, as the lesson page records it (a lesson never opened is held).
			const events = [
				...readingOf(firstCourse.slug, lesson.slug, at),
				...(i < passing
					? [
							{
								id: crypto.randomUUID(),
								type: 'quiz_submitted',
								course: firstCourse.slug,
								lesson: lesson.slug,
								occurredAt: at,
								answers: right
							}
						]
					: [])
			];
			expect((await ctx.post('/api/events', { data: { events } })).status()).toBe(200);
			await ctx.dispose();
		})
	);
}

/** A baseline typed into the baselines page, as an admin would. */
export async function enterBaseline(page: Page, area: string, year: number, users: number) {
	await page.goto('/dashboard/baselines');
	await page.getByLabel('Địa bàn').selectOption(area);
	await page.getByLabel('Năm').fill(String(year));
	await page.getByLabel('Số người dùng Internet ước tính').fill(String(users));
	await page.getByLabel('Nguồn số liệu').fill('Ước tính thử nghiệm của Sở Khoa học và Công nghệ');
	await page.getByLabel('Đây là số liệu mẫu, không phải số chính thức').check();
	await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
	await expect(page.getByText('Đã lưu.')).toBeVisible();
}

/** A PDF's page count (pdfinfo) and each page's text (pdftotext -layout), from Debian's poppler-utils. */
export function readPdf(path: string): { pages: number; text: string[] } {
	const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
	const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
	const text = Array.from({ length: pages }, (_, i) =>
		execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), path, '-'], {
			encoding: 'utf8'
		})
	);
	return { pages, text };
}

export const reportYear = Number(
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).slice(0, 4)
);
export const tanDuong = 'dong-thap-2026:30214';
export const laiVung = 'district:876';

/**
 * The report's data, entered as people would: baselines by an admin on the baselines page, learners
 * in five units (one of them last year); the admin's signed-in state for the pages.
 */
export async function seedReport(browser: Browser) {
	const year = reportYear;
	const page = await browser.newPage({ baseURL: origin });
	await signInOnPage(page, admin.username, admin.password);
	await expect(page).toHaveURL('/admin');
	for (const [area, users] of [
		['Xã Tân Dương', 120],
		['Xã Hoà Long', 900],
		['Xã Phong Hoà', 1500],
		['Phường Mỹ Tho', 400]
	] as const) {
		await page.goto('/dashboard/baselines');
		const value = await page
			.getByLabel('Địa bàn')
			.locator('option', { hasText: area })
			.first()
			.getAttribute('value');
		await enterBaseline(page, value!, year, users);
	}
	// Last year's learners in Tân Dương, so the 2025 target is judged on figures of its own.
	const lastYear = Date.UTC(year - 1, 10, 20, 3);
	await learnersIn(tanDuong, 11, { passing: 10, at: lastYear });
	// This year's (in March, or today early in the year: no event is newer than its arrival).
	await learnersIn(tanDuong, 14, {
		passing: 3,
		at: Math.min(Date.UTC(year, 2, 10, 3), yesterday())
	});
	await learnersIn('dong-thap-2026:30208', 12);
	// Fewer than 10 in Phường Đạo Thạnh: hidden, and so is Phường Mỹ Tho beside it (its district's
	// total less Mỹ Tho would give Đạo Thạnh away).
	await learnersIn('dong-thap-2026:28249', 4);
	await learnersIn('dong-thap-2026:28261', 22, { passing: 12 });
	await learnersIn('dong-thap-2026:30037', 12);
	const state = await page.context().storageState();
	await page.close();
	return state;
}
