/**
 * The annual report's own server: the built app on a fresh database seeded by the documented commands
 * (today's 102 communes and wards), a first admin by `npm run admin:create`; learners and baselines
 * come in through the app. `reachFigures` runs the CLI the README offers for checking a report.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { expect, request, type Page } from '@playwright/test';
import { run, serverEnv } from '../process.ts';
import { postForm } from './identities';
import { firstCourse } from './support';

export const port = Number(process.env.E2E_PORT ?? 4317) + 1;
export const origin = `http://127.0.0.1:${port}`;
export const admin = { username: 'report-admin', password: 'report admin password, test only' };
const file = 'tests/.tmp/report.db';
const env = { DATABASE_URL: `file:${file}` };

export async function startReportServer(): Promise<() => Promise<void>> {
	mkdirSync('tests/.tmp', { recursive: true });
	for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
	run('npm', ['run', '-s', 'db:seed'], env);
	run('npm', ['run', '-s', 'admin:create', '--', admin.username], env, `${admin.password}\n`);
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

export interface CliFigures {
	official: { reached: number | null; skilled: number | null };
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
	{ passing = 0, at = Date.now() }: { passing?: number; at?: number } = {}
): Promise<void> {
	await Promise.all(
		Array.from({ length: count }, async (_, i) => {
			const ctx = await request.newContext({ baseURL: origin });
			expect((await postForm(ctx, origin, '/start', { region, next: '/' })).status()).toBe(303);
			const base = { course: firstCourse.slug, lesson: lesson.slug, occurredAt: at };
			const events = [
				{ id: crypto.randomUUID(), type: 'lesson_completed', ...base },
				...(i < passing
					? [{ id: crypto.randomUUID(), type: 'quiz_submitted', ...base, answers: right }]
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
