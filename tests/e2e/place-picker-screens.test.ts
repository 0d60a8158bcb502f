import { expect, test, type Browser } from '@playwright/test';
import { combobox, latitude, longitude, origin, usePickerServer } from './picker-server.ts';

usePickerServer();

const sizes = [
	[360, 740],
	[390, 844],
	[1366, 900]
] as const;
const words = {
	vi: {
		label: 'Bạn sống ở đâu?',
		locate: 'Dùng vị trí của tôi',
		ward: 'Phường Mỹ Tho',
		submit: 'Đồng ý và bắt đầu',
		outside: 'không nằm trong tỉnh Đồng Tháp'
	},
	en: {
		label: 'Where do you live?',
		locate: 'Use my location',
		ward: 'Mỹ Tho Ward',
		submit: 'Agree and start',
		outside: 'outside Đồng Tháp province'
	}
};

async function open(
	browser: Browser,
	locale: 'vi' | 'en',
	width: number,
	height: number,
	geolocation: { longitude: number; latitude: number }
) {
	const context = await browser.newContext({
		baseURL: origin,
		viewport: { width, height },
		isMobile: width < 800,
		hasTouch: width < 800,
		permissions: ['geolocation'],
		geolocation
	});
	await context.addCookies([{ name: 'lang', value: locale, url: origin }]);
	const page = await context.newPage();
	await page.goto('/start');
	const shot = (state: string) =>
		page.screenshot({
			path: `test-results/picker/${locale}-${width}x${height}-${state}.png`,
			fullPage: true
		});
	return { context, page, shot };
}

for (const locale of ['vi', 'en'] as const) {
	test(`screenshots of the picker in ${locale}: closed, "my tho" typed, after "use my location"`, async ({
		browser
	}) => {
		const w = words[locale];
		for (const [width, height] of sizes) {
			const { context, page, shot } = await open(browser, locale, width, height, {
				longitude,
				latitude
			});
			await expect(combobox(page, w.label)).toBeVisible();
			// Nothing wider than the screen.
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
			await shot('closed');

			await combobox(page, w.label).pressSequentially('my tho');
			await expect(page.getByRole('option').filter({ hasText: w.ward })).toBeVisible();
			await shot('open');

			await page.keyboard.press('Escape');
			await page.getByRole('button', { name: w.locate }).click();
			await expect(page.getByRole('group', { name: w.label })).toContainText(w.ward);
			await shot('located');
			await context.close();
		}
	});

	test(`screenshot in ${locale}: sent without a place, then a position outside the province`, async ({
		browser
	}) => {
		const w = words[locale];
		// Bến Thành market, Hồ Chí Minh City.
		const { context, page, shot } = await open(browser, locale, 360, 740, {
			longitude: 106.698,
			latitude: 10.7725
		});
		await expect(combobox(page, w.label)).toBeVisible();
		await page.getByRole('button', { name: w.submit }).click();
		await expect(combobox(page, w.label)).toHaveAttribute('aria-invalid', 'true');
		await page.getByRole('button', { name: w.locate }).click();
		await expect(page.getByText(w.outside).first()).toBeVisible();
		await shot('outside-and-unsent');
		await context.close();
	});
}
