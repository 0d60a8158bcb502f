import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { makeCampaign, makeOrganizer } from './identities';
import { answerQuiz, firstCourse, onboard } from './support';

const lesson = firstCourse.lessons[0]!;

async function expectNoViolations(page: Page, where: string) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	const found = results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(found, where).toEqual([]);
}

test('every learner page passes axe WCAG 2.2 AA checks, in both languages', async ({ page }) => {
	for (const path of ['/', '/start', '/privacy', `/courses/${firstCourse.slug}`]) {
		await page.goto(path);
		await expectNoViolations(page, path);
	}
	await onboard(page, 'Phường Hồng Ngự');
	for (const path of [
		`/courses/${firstCourse.slug}/${lesson.slug}`,
		`/courses/${firstCourse.slug}/${lesson.slug}/quiz`,
		'/me'
	]) {
		await page.goto(path);
		await expectNoViolations(page, path);
	}
	await page.goto(`/courses/${firstCourse.slug}/${lesson.slug}/quiz`);
	await answerQuiz(page, 0, false);
	await page.getByRole('button', { name: 'Nộp bài' }).click();
	await expect(page.getByText('Bạn đã chọn', { exact: true }).first()).toBeVisible();
	await expectNoViolations(page, 'quiz result');

	await page.getByRole('button', { name: 'English' }).click();
	await expectNoViolations(page, 'quiz result in English');
});

test('the quiz can be done with the keyboard alone', async ({ page }) => {
	await onboard(page, 'Xã Tân Hồng');
	await page.goto(`/courses/${firstCourse.slug}/${lesson.slug}/quiz`);
	await page.locator('input[type=radio], input[type=checkbox]').first().focus();
	for (const question of lesson.quiz.questions) {
		const first = page.locator(`input[name="q.${question.id}"]`).first();
		await first.focus();
		await page.keyboard.press('Space');
		await expect(first).toBeChecked();
	}
	await page.getByRole('button', { name: 'Nộp bài' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('region', { name: /đạt/ })).toBeFocused();
});

test('organizer pages pass axe WCAG 2.2 AA checks', async ({ browser, baseURL }) => {
	const { organizer, storageState } = await makeOrganizer(baseURL!, 'a11y');
	const id = await makeCampaign(
		organizer,
		baseURL!,
		firstCourse.slug,
		'Chiến dịch kiểm tra tiếp cận'
	);
	const page = await (await browser.newContext({ storageState })).newPage();
	for (const path of [
		'/organize',
		'/organize/campaigns/new',
		`/organize/campaigns/${id}`,
		`/organize/campaigns/${id}/edit`,
		`/organize/campaigns/${id}/poster`,
		'/organize/sessions/new',
		'/account'
	]) {
		await page.goto(path);
		await expectNoViolations(page, path);
	}
});
