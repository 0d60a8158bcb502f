import { expect, test } from '@playwright/test';
import { firstCourse, onboard, shot } from './support';

test('switching to English shows English everywhere, and the choice is remembered', async ({
	page
}) => {
	await onboard(page, 'Xã Thường Phước');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Stay safe online, a few minutes a day'
	);
	await expect(page.getByText('You are learning in Thuong Phuoc Commune')).toBeVisible();
	await shot(page, 'home-en');

	await page.getByRole('link', { name: firstCourse.text.en.title }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(firstCourse.text.en.title);
	const lesson = firstCourse.lessons[0]!;
	await page.goto(`/courses/${firstCourse.slug}/${lesson.slug}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.text.en.title);
	await expect(page.getByRole('button', { name: "I've read it, take the quiz" })).toBeVisible();
	await shot(page, 'lesson-en');

	await page.getByRole('button', { name: 'Tiếng Việt' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.text.vi.title);
});
