import { expect, test } from '@playwright/test';
import { catalogue, shot } from './support';

test('every course page renders at phone size (one screenshot per course)', async ({ page }) => {
	for (const course of catalogue.courses) {
		await page.goto(`/courses/${course.slug}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(course.text.vi.title);
		await expect(
			page.getByRole('listitem').filter({ hasText: course.lessons[0]!.text.vi.title })
		).toBeVisible();
		await shot(page, `course-${course.order}-${course.slug}`);
	}
});
