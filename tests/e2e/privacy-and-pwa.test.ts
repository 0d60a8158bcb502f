import { expect, test } from '@playwright/test';
import { firstCourse, learnerIdOf, onboard, scalar, shot, choosePlace } from './support';

test('a learner sees what is kept, changes district and deletes their data', async ({ page }) => {
	await onboard(page, 'Phường Sa Đéc');
	const cookie = (await page.context().cookies()).find((c) => c.name === 'learner')!;
	expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
	const learnerId = await learnerIdOf(cookie.value);

	await page.goto(`/courses/${firstCourse.slug}/${firstCourse.lessons[0]!.slug}`);
	await page.getByRole('button', { name: 'Tôi đã đọc xong, làm bài kiểm tra' }).click();
	await expect(page).toHaveURL(/\/quiz$/);

	await page.goto('/me');
	await expect(page.getByText('Địa phương: Phường Sa Đéc')).toBeVisible();
	await expect(page.getByText('1 hoạt động học tập')).toBeVisible();
	await shot(page, 'my-data-vi');

	await choosePlace(page, 'Xã Ba Sao');
	await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
	await expect(page.getByText('Đã lưu.')).toBeVisible();
	await expect(page.getByText('Địa phương: Xã Ba Sao')).toBeVisible();
	// Past reach stays where it was earned.
	expect(
		await scalar(
			"SELECT count(*) FROM learning_events WHERE type <> 'lesson_opened' AND learner_id = ? AND region_id = 'dong-thap-2026:29905'",
			[learnerId]
		)
	).toBe(1);

	await page.getByLabel('Tôi hiểu và muốn xóa').check();
	await page.getByRole('button', { name: 'Xóa vĩnh viễn' }).click();
	await expect(page.getByText('Đã xóa toàn bộ dữ liệu của bạn.')).toBeVisible();
	expect(await scalar('SELECT count(*) FROM learners WHERE id = ?', [learnerId])).toBe(0);
	expect(
		await scalar(
			"SELECT count(*) FROM learning_events WHERE type <> 'lesson_opened' AND learner_id = ?",
			[learnerId]
		)
	).toBe(0);
	expect((await page.context().cookies()).some((c) => c.name === 'learner')).toBe(false);
});

test('the privacy page says what is kept and why, citing Law 91/2025/QH15', async ({ page }) => {
	await page.goto('/privacy');
	await expect(page.locator('p.lead')).toContainText('Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15');
	await expect(page.getByRole('heading', { name: 'Chúng tôi không lưu' })).toBeVisible();
	// How long: the configured retention (3 years by default) and the law it follows.
	const retention = page.locator('section', {
		has: page.getByRole('heading', { name: 'Lưu trong bao lâu' })
	});
	await expect(retention).toContainText('3 năm liền không có hoạt động nào');
	await expect(retention).toContainText('Nghị định 356/2025/NĐ-CP');
});

test('the app is installable: a manifest with maskable icons and an active service worker', async ({
	page,
	request
}) => {
	const manifest = await (await request.get('/manifest.webmanifest')).json();
	expect(manifest).toMatchObject({
		name: 'An toàn mạng Đồng Tháp',
		lang: 'vi',
		display: 'standalone',
		start_url: '/'
	});
	expect(manifest.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true);
	for (const icon of manifest.icons) expect((await request.get(icon.src)).status()).toBe(200);

	await page.goto('/');
	await page.waitForFunction(
		async () => (await navigator.serviceWorker.ready).active?.state === 'activated'
	);
	const cached = await page.evaluate(async () => (await caches.keys()).join(','));
	expect(cached).toContain('workbox-precache');
});
