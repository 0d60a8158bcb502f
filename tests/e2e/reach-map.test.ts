import AxeBuilder from '@axe-core/playwright';
import { gzipSync } from 'node:zlib';
import {
	devices,
	expect,
	test,
	type Browser,
	type BrowserContext,
	type Page
} from '@playwright/test';
import {
	activateSet,
	admin,
	freshMapDatabase,
	learnersIn,
	origin,
	plan,
	startMapServer
} from './reach-map-server';
import { signInOnPage } from './two-factor-steps';

test.use({ baseURL: origin });
test.describe.configure({ mode: 'serial' });

let stop: () => Promise<void>;
let signedIn: Awaited<ReturnType<BrowserContext['storageState']>>;

test.beforeAll(async ({ browser }) => {
	test.setTimeout(180_000);
	freshMapDatabase();
	stop = await startMapServer();
	const page = await browser.newPage({ baseURL: origin });
	await signInOnPage(page, admin.username, admin.password);
	await expect(page).toHaveURL('/admin');
	for (const [code, [, users]] of Object.entries(plan)) {
		if (users === null) continue;
		// A fresh form each time, so "Saved." is this entry's and nothing typed is reset under us.
		await page.goto('/dashboard/baselines');
		await page.getByLabel('Địa bàn').selectOption(`dong-thap-2026:${code}`);
		await page.getByLabel('Năm').fill(new Date().getFullYear().toString());
		await page.getByLabel('Số người dùng Internet ước tính').fill(String(users));
		await page.getByLabel('Nguồn số liệu').fill('Ước tính thử nghiệm cho kiểm thử bản đồ');
		await page.getByLabel('Đây là số liệu mẫu, không phải số chính thức').check();
		await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
		await expect(page.getByText('Đã lưu.')).toBeVisible();
	}
	for (const [code, [learners]] of Object.entries(plan))
		await learnersIn(`dong-thap-2026:${code}`, learners);
	signedIn = await page.context().storageState();
	await page.close();
});

test.afterAll(async () => {
	await stop?.();
});

async function dashboard(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
	const context = await browser.newContext({ ...options, baseURL: origin, storageState: signedIn });
	const page = await context.newPage();
	await page.goto('/dashboard');
	return page;
}

test('every unit is a link in tab order, its label shown on focus', async ({ browser }) => {
	const page = await dashboard(browser);
	const units = page.locator('.reach-map svg a');
	await expect(units).toHaveCount(102);
	const order = await units.evaluateAll((as) => as.map((a) => a.getAttribute('data-code')));
	await page.locator('.skip-map').focus();
	for (const code of order) {
		await page.keyboard.press('Tab');
		const unit = page.locator(`.reach-map a[data-code="${code}"]`);
		await expect(unit).toBeFocused();
		const name = (await unit.getAttribute('aria-label'))!.split(':')[0]!;
		await expect(page.locator('.reach-map .tip strong')).toHaveText(name);
	}
	// After the last unit, the way on is the table that holds every figure.
	await page.keyboard.press('Tab');
	await expect(page.locator('.reach-map figcaption a[href="#areas-table"]')).toBeFocused();
});

test('a unit shows its figure, and Enter, a click or a tap land on its row', async ({
	browser
}) => {
	const page = await dashboard(browser);
	const myTho = page.locator('.reach-map a[data-code="28261"]');
	await expect(myTho).toHaveAttribute('aria-label', 'Phường Mỹ Tho: 3%');
	await myTho.focus();
	await expect(page.locator('.reach-map .tip')).toHaveText(/Phường Mỹ Tho\s*3%/);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/#unit-28261$/);
	await expect(page.locator('#unit-28261')).toBeInViewport();
	await expect(page.locator('#unit-28261 th')).toHaveText('Phường Mỹ Tho');
	await page.screenshot({ path: 'test-results/reach-map/vi-390x844-row.png' });

	await expect(page.locator('a[data-code="30154"]')).toHaveAttribute(
		'aria-label',
		/: 90,9%, đạt mục tiêu 90% \(2030\)$/
	);
	await expect(page.locator('a[data-code="30001"]')).toHaveAttribute('aria-label', /: ẩn/);
	await expect(page.locator('a[data-code="30001"]')).toHaveAttribute('data-colour', 'none');
	await expect(page.locator('a[data-code="30130"]')).toHaveAttribute('data-colour', 'none');
	// A mark on every unit shown at a target (a unit of 10 may be hidden with a smaller one beside it).
	const atTarget = await page.locator('.reach-map a[aria-label*="đạt mục tiêu"]').count();
	expect(atTarget).toBeGreaterThanOrEqual(1);
	await expect(page.locator('.reach-map .canvas .mark')).toHaveCount(atTarget);

	await pressOn(page, '30010', 'tap');
	await expect(page).toHaveURL(/#unit-30010$/);
	await expect(page.locator('#unit-30010')).toBeInViewport();

	const desktop = await dashboard(browser, { viewport: { width: 1366, height: 900 } });
	await pressOn(desktop, '29926', 'hover');
	await expect(desktop.locator('.reach-map .tip strong')).toHaveText('Xã Tân Hồng');
	await pressOn(desktop, '29926', 'click');
	await expect(desktop).toHaveURL(/#unit-29926$/);
	await expect(desktop.locator('#unit-29926')).toBeInViewport();
});

/** Points at, clicks or taps a unit at a point inside its shape that nothing else covers. */
async function pressOn(page: Page, code: string, how: 'hover' | 'click' | 'tap') {
	const path = page.locator(`.reach-map a[data-code="${code}"] path`);
	await path.scrollIntoViewIfNeeded();
	const point = await path.evaluate((p: SVGPathElement) => {
		const box = p.getBoundingClientRect();
		for (let fy = 0.5; fy < 1; fy += 0.05)
			for (const f of [fy, 1 - fy]) {
				for (let fx = 0.1; fx < 1; fx += 0.05) {
					const [x, y] = [box.left + fx * box.width, box.top + f * box.height];
					if (document.elementFromPoint(x, y) === p) return { x, y };
				}
			}
		return null;
	});
	expect(point, code).not.toBeNull();
	if (how === 'tap') await page.touchscreen.tap(point!.x, point!.y);
	else if (how === 'hover') await page.mouse.move(point!.x, point!.y);
	else await page.mouse.click(point!.x, point!.y);
}

test('the map passes axe WCAG 2.2 AA checks and works without JavaScript', async ({ browser }) => {
	const page = await dashboard(browser);
	await page.locator('.reach-map a[data-code="28261"]').focus();
	const results = await new AxeBuilder({ page })
		.include('.reach-map')
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);

	const plain = await dashboard(browser, { javaScriptEnabled: false });
	await plain.locator('.reach-map a[data-code="28261"]').focus();
	await plain.keyboard.press('Enter');
	await expect(plain).toHaveURL(/#unit-28261$/);
	await expect(plain.locator('#unit-28261')).toBeInViewport();
});

test('the 102 communes stay light in the page', async ({ browser }) => {
	const page = await dashboard(browser);
	const html = await (await page.request.get('/dashboard')).text();
	const figure = /<figure class="reach-map[\s\S]*?<\/figure>/.exec(html)![0];
	const svg = /<svg viewBox="0 0 800[\s\S]*?<\/svg>/.exec(figure)![0];
	const sizes = { svg: svg.length, svgGzip: gzipSync(svg).length, page: gzipSync(html).length };
	test.info().annotations.push({ type: 'bytes', description: JSON.stringify(sizes) });
	console.log('reach map bytes', sizes);
	expect(sizes.svgGzip).toBeLessThan(40_000);
});

const sizes = [
	['phone', 360, 740],
	['phone', 390, 844],
	['desktop', 1366, 900]
] as const;

test('screenshots at phone and desktop sizes, in Vietnamese and English', async ({ browser }) => {
	test.setTimeout(120_000);
	for (const locale of ['vi', 'en'] as const) {
		for (const [kind, width, height] of sizes) {
			const device = kind === 'phone' ? devices['Pixel 5'] : devices['Desktop Chrome'];
			const page = await dashboard(browser, {
				...device,
				viewport: { width, height },
				deviceScaleFactor: kind === 'phone' ? 2 : 1
			});
			if (locale === 'en') {
				await page.context().addCookies([{ name: 'lang', value: 'en', url: origin }]);
				await page.reload();
			}
			const name = `test-results/reach-map/${locale}-${width}x${height}`;
			// Nothing wider than the screen: the map fits, the table scrolls inside itself.
			const wide = await page.evaluate(() => document.documentElement.scrollWidth);
			expect(wide, `${width}px`).toBeLessThanOrEqual(width);
			await page.screenshot({ path: `${name}-page.png`, fullPage: true });
			await page.locator('.reach-map a[data-code="28261"]').focus();
			await page.locator('.reach-map').scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${name}-focus.png` });
			if (kind === 'desktop') {
				// As printed on A4 (794 px at 96 dpi): colours, legend and no label left from the screen.
				await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
				await page.setViewportSize({ width: 794, height: 1123 });
				await page.emulateMedia({ media: 'print' });
				await expect(page.locator('.reach-map .tip')).toHaveCount(0);
				await page.screenshot({ path: `test-results/reach-map/${locale}-print-a4.png` });
			}
			await page.context().close();
		}
	}
});

test('the 12 districts of 2022 draw as well, when that set is active', async ({ browser }) => {
	test.setTimeout(90_000);
	await stop();
	activateSet('dong-thap-2022');
	stop = await startMapServer();
	const page = await dashboard(browser, { viewport: { width: 1366, height: 900 } });
	for (const [code, users, learners] of [
		['866', 100, 10],
		['867', 300, 12],
		['868', 500, 0]
	] as const) {
		const form = { region: `dong-thap-2022:${code}`, year: `${new Date().getFullYear()}` };
		const saved = await page.request.post('/dashboard/baselines?/save', {
			form: { ...form, users: String(users), source: 'Ước tính thử nghiệm', demo: 'yes' },
			headers: { origin, accept: 'text/html' }
		});
		expect(saved.status()).toBe(200);
		await learnersIn(`dong-thap-2022:${code}`, learners);
	}
	await page.reload();
	await expect(page.locator('.reach-map svg a')).toHaveCount(12);
	await expect(page.locator('a[data-code="866"]')).toHaveAttribute('aria-label', /: 10%$/);
	await expect(page.locator('a[data-code="871"]')).toHaveAttribute('data-colour', 'none');
	await page.locator('a[data-code="866"]').focus();
	await page.locator('.reach-map').screenshot({ path: 'test-results/reach-map/vi-2022-1366.png' });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.locator('.reach-map').screenshot({ path: 'test-results/reach-map/vi-2022-390.png' });
});
