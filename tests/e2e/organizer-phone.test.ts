import { expect, test, type Browser } from '@playwright/test';
import { makeCampaign, makeOrganizer } from './identities';
import { db, firstCourse, overflowing, scalar } from './support';

test.describe.configure({ mode: 'serial' });

const sizes = [
	[360, 740],
	[390, 844],
	[1366, 900]
] as const;

async function organizerPage(
	browser: Browser,
	storageState: object,
	locale: 'vi' | 'en',
	width = 360
) {
	// Screenshots at the size people see, light enough to open: one device pixel per CSS pixel.
	const context = await browser.newContext({
		storageState: storageState as never,
		viewport: { width, height: 740 },
		deviceScaleFactor: 1,
		isMobile: width < 1000,
		hasTouch: width < 1000
	});
	await context.addCookies([
		{ name: 'lang', value: locale, url: test.info().project.use.baseURL! }
	]);
	return context.newPage();
}

let organizer: Awaited<ReturnType<typeof makeOrganizer>>;

test.beforeAll(async ({ baseURL }) => {
	organizer = await makeOrganizer(baseURL!, 'phone-e2e');
});

test('the campaign form fits a 360 px phone, with the text at 130% too', async ({ browser }) => {
	const page = await organizerPage(browser, organizer.storageState, 'vi');
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto('/organize/campaigns/new');
	for (const fontSize of ['', '130%']) {
		await page.evaluate((size) => (document.documentElement.style.fontSize = size), fontSize);
		await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
		expect(await overflowing(page), `font size ${fontSize || 'default'}`).toEqual([]);
		const end = await page.getByLabel('Ngày kết thúc').boundingBox();
		expect(end!.x + end!.width).toBeLessThanOrEqual(360);
	}
	// A form sent with a problem keeps its fields within the screen too.
	await page.getByLabel('Tên chiến dịch').fill('Tuần lễ an toàn mạng cho học sinh, sinh viên');
	await page.getByLabel('Số người dự kiến').fill('600');
	await page.getByRole('button', { name: 'Tạo chiến dịch' }).click();
	await expect(page.getByRole('alert')).toHaveText('Hãy chọn ít nhất một khóa học.');
	expect(await overflowing(page)).toEqual([]);
});

test('closing asks first, hides the ways to join, and its organizer can reopen it (audited)', async ({
	browser,
	baseURL
}) => {
	const id = await makeCampaign(
		organizer.organizer,
		baseURL!,
		firstCourse.slug,
		'Ngày hội an toàn mạng xã Tháp Mười'
	);
	const page = await organizerPage(browser, organizer.storageState, 'vi');
	await page.goto(`/organize/campaigns/${id}`);
	expect(await overflowing(page)).toEqual([]);
	await page.evaluate(() => (document.documentElement.style.fontSize = '130%'));
	expect(await overflowing(page)).toEqual([]);
	await page.evaluate(() => (document.documentElement.style.fontSize = ''));

	await page.getByRole('button', { name: 'Kết thúc chiến dịch' }).click();
	const question = page.getByRole('heading', {
		name: 'Kết thúc chiến dịch “Ngày hội an toàn mạng xã Tháp Mười”?'
	});
	await expect(question).toBeFocused();
	await expect(
		page.getByText('Người tham gia sẽ không được tính thêm cho chiến dịch.')
	).toBeVisible();
	expect(
		await scalar('SELECT count(*) FROM campaigns WHERE id = ? AND status = ?', [id, 'active'])
	).toBe(1);
	// "No" leaves it open.
	await page.getByRole('link', { name: 'Không, quay lại' }).click();
	await expect(question).toHaveCount(0);
	await expect(page.locator('.pill').first()).toHaveText('Đang mở');

	await page.getByRole('button', { name: 'Kết thúc chiến dịch' }).click();
	await page.getByRole('button', { name: 'Có, kết thúc chiến dịch' }).click();
	await expect(page.locator('.pill').first()).toHaveText('Đã kết thúc');
	await expect(page.getByRole('heading', { name: 'Chiến dịch đã kết thúc' })).toBeVisible();
	await expect(page.getByTestId('join-stopped')).toHaveText(
		'Mã QR, đường dẫn và áp phích của chiến dịch không còn nhận người tham gia.'
	);
	await expect(page.locator('.qr svg')).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'In áp phích' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Chia sẻ đường dẫn' })).toHaveCount(0);
	await page.goto(`/organize/campaigns/${id}/poster`);
	await expect(page.locator('.poster')).toHaveCount(0);
	await page.goto(`/organize/campaigns/${id}`);

	await page.getByRole('button', { name: 'Mở lại chiến dịch' }).click();
	await expect(page.locator('.pill').first()).toHaveText('Đang mở');
	await expect(
		page.getByRole('status').filter({ hasText: 'Chiến dịch đã được mở lại.' })
	).toBeVisible();
	await expect(page.locator('.qr svg')).toBeVisible();
	const audit = await db.execute({
		sql: 'SELECT action FROM audit_log WHERE target = ? ORDER BY id',
		args: [id]
	});
	expect(audit.rows.map((r) => r[0])).toEqual([
		'campaign.created',
		'campaign.closed',
		'campaign.reopened'
	]);
});

test('the same close and reopen work without JavaScript', async ({ browser, baseURL }) => {
	const id = await makeCampaign(
		organizer.organizer,
		baseURL!,
		firstCourse.slug,
		'Chiến dịch không cần JavaScript'
	);
	const context = await browser.newContext({
		storageState: organizer.storageState as never,
		javaScriptEnabled: false
	});
	const page = await context.newPage();
	await page.goto(`/organize/campaigns/${id}`);
	await page.getByRole('button', { name: 'Kết thúc chiến dịch' }).click();
	await expect(page.getByRole('heading', { name: /^Kết thúc chiến dịch “/ })).toBeVisible();
	await page.getByRole('button', { name: 'Có, kết thúc chiến dịch' }).click();
	await expect(page.locator('.pill').first()).toHaveText('Đã kết thúc');
	await page.getByRole('button', { name: 'Mở lại chiến dịch' }).click();
	await expect(page.locator('.pill').first()).toHaveText('Đang mở');
	await context.close();
});

test('a paused campaign hides the ways to join and says why', async ({ browser, baseURL }) => {
	const id = await makeCampaign(
		organizer.organizer,
		baseURL!,
		firstCourse.slug,
		'Chiến dịch tạm dừng'
	);
	const page = await organizerPage(browser, organizer.storageState, 'vi');
	await page.goto(`/organize/campaigns/${id}`);
	await page.getByRole('button', { name: 'Tạm dừng' }).click();
	await expect(page.locator('.pill').first()).toHaveText('Tạm dừng');
	await expect(page.getByRole('heading', { name: 'Chiến dịch đang tạm dừng' })).toBeVisible();
	await expect(page.getByTestId('join-stopped')).toContainText('tạm thời không nhận');
	await expect(page.locator('.qr svg')).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'In áp phích' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Tiếp tục' }).click();
	await expect(page.locator('.qr svg')).toBeVisible();
});

test('screenshots of the organizer pages at three sizes in both languages', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const id = await makeCampaign(
		organizer.organizer,
		baseURL!,
		firstCourse.slug,
		'Tuần lễ an toàn mạng trường THPT Tháp Mười'
	);
	for (const locale of ['vi', 'en'] as const) {
		for (const [width, height] of sizes) {
			const page = await organizerPage(browser, organizer.storageState, locale, width);
			await page.setViewportSize({ width, height });
			const shot = (name: string) =>
				page.screenshot({
					path: `test-results/organizer/${name}-${locale}-${width}x${height}.png`,
					fullPage: true
				});
			await page.goto('/organize/campaigns/new');
			await shot('form');
			await page.goto(`/organize/campaigns/${id}`);
			await shot('campaign-active');
			await page
				.locator('form[action="?/status"]')
				.filter({ has: page.locator('input[value="closed"]') })
				.getByRole('button')
				.click();
			await expect(page.locator('#confirm-heading')).toBeVisible();
			await page.screenshot({
				path: `test-results/organizer/confirm-${locale}-${width}x${height}.png`
			});
			await page.locator('button.danger').first().click();
			await expect(page.locator('[data-testid="join-stopped"]')).toBeVisible();
			await shot('campaign-closed');
			await page.locator('form[action="?/status"] button').click();
			await expect(page.locator('.qr svg')).toBeVisible();
			await page.context().close();
		}
	}
});
