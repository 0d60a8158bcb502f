import { createClient } from '@libsql/client';
import { expect, type Page } from '@playwright/test';
import { buildCatalogue } from '../../src/lib/server/content/catalogue.ts';
import { readContentDir } from '../../src/lib/server/content/read-dir.ts';

/** The shipped catalogue, read the way the build reads it: tests know the right answers from content. */
export const catalogue = buildCatalogue(readContentDir('content')).catalogue;
export const firstCourse = catalogue.courses[0]!;

/** The same database file the server under test writes to. */
export const db = createClient({ url: process.env.E2E_DATABASE_URL ?? 'file:tests/.tmp/e2e.db' });

export async function scalar(sql: string, args: (string | number)[] = []): Promise<number> {
	const result = await db.execute({ sql, args });
	return Number(result.rows[0]?.[0] ?? 0);
}

export async function shot(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** A new visitor picks a district (by its visible name) on /start. */
export async function onboard(page: Page, district: string, ageBand?: string): Promise<void> {
	await page.goto('/start');
	await page.getByLabel('Bạn sống ở đâu?').selectOption({ label: district });
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
