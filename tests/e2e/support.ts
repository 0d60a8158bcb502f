import { createClient, type InStatement } from '@libsql/client';
import { expect, type Page } from '@playwright/test';
import { buildCatalogue } from '../../src/lib/server/content/catalogue.ts';
import { readContentDir } from '../../src/lib/server/content/read-dir.ts';

/** The shipped catalogue, read the way the build reads it: tests know the right answers from content. */
export const catalogue = buildCatalogue(readContentDir('content')).catalogue;
export const firstCourse = catalogue.courses[0]!;

/** The same database file the server under test writes to. */
export const databaseUrl = process.env.E2E_DATABASE_URL ?? 'file:tests/.tmp/e2e.db';
const client = createClient({ url: databaseUrl });
// The server writes to the same file at the same time (its rollups run in the background): a test's
// own write waits for the server's lock the way the server's writes do, instead of failing as busy.
// A libSQL server (test:remote) has no such pragma and does its own locking.
const waiting = databaseUrl.startsWith('file:')
	? client.execute('PRAGMA busy_timeout = 5000')
	: Promise.resolve();

export const db = {
	async execute(statement: InStatement) {
		await waiting;
		return client.execute(statement);
	}
};

export async function scalar(sql: string, args: (string | number)[] = []): Promise<number> {
	const result = await db.execute({ sql, args });
	return Number(result.rows[0]?.[0] ?? 0);
}

export async function shot(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/**
 * Chooses a commune or ward by its name as a resident would: with the place picker once the page runs
 * (typing it, then its option; "choose another" first if one is chosen), else the plain select it
 * replaces (a browser without JavaScript; a choice made there before the page runs is kept).
 */
export async function choosePlace(page: Page, name: string, label = 'Bạn sống ở đâu?') {
	const search = page.getByRole('combobox', { name: label }).and(page.locator('input'));
	const other = page.getByRole('button', { name: 'Chọn nơi khác' });
	const picker = await search
		.or(other)
		.first()
		.waitFor({ timeout: 5_000 })
		.then(() => true)
		.catch(() => false);
	if (!picker) {
		await page.getByLabel(label).selectOption({ label: name });
		return;
	}
	if (await other.isVisible()) await other.click();
	await search.fill(name);
	await page
		.getByRole('option')
		.filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) })
		.first()
		.click();
}

/** A new visitor picks a commune or ward (by its visible name) on /start. */
export async function onboard(page: Page, place: string, ageBand?: string): Promise<void> {
	await page.goto('/start');
	await choosePlace(page, place);
	if (ageBand) await page.getByLabel(ageBand, { exact: true }).check();
	await page.getByRole('button', { name: 'Đồng ý và bắt đầu' }).click();
	await expect(page).toHaveURL('/');
}

/** Ticks the right options of every question of a lesson's quiz. */
export async function answerQuiz(page: Page, lessonIndex: number, right = true): Promise<void> {
	const quiz = firstCourse.lessons[lessonIndex]!.quiz;
	for (const question of quiz.questions) {
		const pick = right
			? question.correct
			: question.optionIds.filter((o) => !question.correct.includes(o)).slice(0, 1);
		for (const option of pick)
			await page.locator(`input[name="q.${question.id}"][value="${option}"]`).check();
	}
}

export function learnerIdOf(cookieValue: string): Promise<string> {
	return crypto.subtle
		.digest('SHA-256', new TextEncoder().encode(cookieValue))
		.then((buf) => Buffer.from(buf).toString('hex'));
}

/** Yesterday at this time: the dashboard counts up to the last complete day (province time). */
export const yesterday = () => Date.now() - 86_400_000;

/**
 * Makes the learner of a request context (its learner cookie) a day older than `at`, so it may send
 * learning of that day (no event may claim a time before its learner existed).
 */
export async function joinedBefore(
	client: { execute: (s: { sql: string; args: (string | number)[] }) => Promise<unknown> },
	ctx: { storageState: () => Promise<{ cookies: { name: string; value: string }[] }> },
	at: number
): Promise<void> {
	const token = (await ctx.storageState()).cookies.find((c) => c.name === 'learner')!.value;
	await client.execute({
		sql: 'UPDATE learners SET created_at = ? WHERE id = ?',
		args: [at - 86_400_000, await learnerIdOf(token)]
	});
}

/** A lesson read through, as the pages send it: opened, then finished a second later. */
export function readingOf(course: string, lesson: string, finishedAt = Date.now()) {
	const event = (type: string, occurredAt: number) => ({
		id: crypto.randomUUID(),
		type,
		course,
		lesson,
		occurredAt
	});
	return [event('lesson_opened', finishedAt - 1000), event('lesson_completed', finishedAt)];
}

/** Elements that stick out of the viewport, skipping those inside a box that scrolls by itself. */
export function overflowing(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const scrolls = (el: Element | null): boolean => {
			for (let p = el?.parentElement; p; p = p.parentElement)
				if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
			return false;
		};
		return [...document.querySelectorAll('body *')]
			.filter((el) => {
				const box = el.getBoundingClientRect();
				return box.width > 0 && box.right > width + 0.5 && !scrolls(el);
			})
			.map(
				(el) =>
					`${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}px`
			);
	});
}

/** Waits until the page has hydrated (the root layout marks `<html data-ready>`). */
export async function ready(page: Page): Promise<void> {
	await page.locator('html[data-ready]').waitFor({ state: 'attached' });
}
