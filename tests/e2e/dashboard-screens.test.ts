import AxeBuilder from '@axe-core/playwright';
import { signInOnPage } from './two-factor-steps';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { firstVisitJs } from '../bench/page-js.ts';
import * as fx from './dashboard-screens-server';
import { overflowing } from './overflow';
import { ready } from './support';

test.use({ baseURL: fx.origin });
test.describe.configure({ mode: 'serial' });

let stop: () => Promise<void>;
let signedIn: Awaited<ReturnType<BrowserContext['storageState']>>;

test.beforeAll(async ({ browser }) => {
	test.setTimeout(120_000);
	stop = await fx.startScreensServer();
	const page = await browser.newPage({ baseURL: fx.origin });
	await signInOnPage(page, fx.admin.username, fx.admin.password);
	await expect(page).toHaveURL('/admin');
	signedIn = await page.context().storageState();
	await page.close();
});

test.afterAll(async () => {
	await stop?.();
});

const sizes = [
	[360, 740],
	[390, 844],
	[1366, 900]
] as const;

async function dashboard(
	browser: Browser,
	{ width = 390, height = 844, locale = 'vi', js = true, path = '/dashboard', wait = true } = {}
): Promise<Page> {
	const phone = width < 800;
	const context = await browser.newContext({
		baseURL: fx.origin,
		storageState: signedIn,
		viewport: { width, height },
		isMobile: phone,
		hasTouch: phone,
		javaScriptEnabled: js
	});
	await context.addCookies([{ name: 'lang', value: locale, url: fx.origin }]);
	const page = await context.newPage();
	await page.goto(path);
	if (js && wait) await ready(page);
	return page;
}

/** The dashboard of one state in both languages at the three sizes: nothing wider than the screen. */
async function screenshots(browser: Browser, state: string) {
	for (const locale of ['vi', 'en'])
		for (const [width, height] of sizes) {
			const page = await dashboard(browser, { width, height, locale });
			expect(await overflowing(page), `${state} ${locale} ${width}`).toEqual([]);
			const name = `test-results/dashboard/${state}-${locale}-${width}x${height}`;
			await page.screenshot({ path: `${name}-top.png` });
			await page.screenshot({ path: `${name}.png`, fullPage: true });
			await page.context().close();
		}
}

/** Every chart's figures are its table's: the same cells, the same numbers, hidden ones hidden. */
async function chartsMatchTables(page: Page) {
	const trend = await page.evaluate(() => ({
		dots: [...document.querySelectorAll('.trend .dot')].map((d) => [
			d.getAttribute('data-period'),
			d.getAttribute('data-value')
		]),
		rows: [...document.querySelectorAll('.chart-table tr[data-period]')]
			.map((r) => [
				r.getAttribute('data-period'),
				r.querySelector('td')!.getAttribute('data-value')
			])
			.filter(([, v]) => v !== '')
	}));
	expect(trend.dots.length).toBeGreaterThan(0);
	expect(trend.dots).toEqual(trend.rows);
	const pairs = await page.evaluate(() =>
		[...document.querySelectorAll('figure.breakdown')].map((f) => {
			const table = f.nextElementSibling!;
			return [
				[...f.querySelectorAll('li')].map((l) => l.dataset.value),
				[...table.querySelectorAll('tbody td:first-of-type')].map(
					(c) => (c as HTMLElement).dataset.value
				)
			];
		})
	);
	for (const [bars, cells] of pairs) expect(bars).toEqual(cells);
	const units = await page.evaluate(() => ({
		bars: [...document.querySelectorAll('.unit-bars li')].map((l) => [
			l.getAttribute('data-code'),
			l.getAttribute('data-value')
		]),
		cells: [...document.querySelectorAll('.chart-table tr[data-code]')].map((r) => [
			r.getAttribute('data-code'),
			r.querySelector('td')!.getAttribute('data-value')
		])
	}));
	expect(units.bars).toEqual(units.cells);
}

/** Taps a commune of the map at a point inside its shape that nothing else covers. */
async function tapOn(page: Page, code: string) {
	const path = page.locator(`#map-${code} path`);
	await path.scrollIntoViewIfNeeded();
	const point = await path.evaluate((p: SVGPathElement) => {
		const box = p.getBoundingClientRect();
		for (let fy = 0.1; fy < 1; fy += 0.05)
			for (let fx = 0.1; fx < 1; fx += 0.05) {
				const [x, y] = [box.left + fx * box.width, box.top + fy * box.height];
				if (document.elementFromPoint(x, y) === p) return { x, y };
			}
		return null;
	});
	expect(point, code).not.toBeNull();
	await page.touchscreen.tap(point!.x, point!.y);
}

async function axe(page: Page) {
	for (const details of await page.locator('details').all())
		await details.locator('summary').click();
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)
	).toEqual([]);
}

test('empty: no learning and no estimate yet, said plainly; the page is light', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const page = await dashboard(browser);
	await expect(page.locator('.as-of')).toHaveText(
		/^Số liệu đến hết ngày \d\d\/\d\d\/\d{4} \(giờ Việt Nam, UTC\+7\)\.$/
	);
	await expect(page.locator('.headline')).toContainText(
		'Chưa tính được tỉ lệ tiếp cận của toàn tỉnh: chưa có số người dùng Internet ước tính.'
	);
	await expect(page.locator('.headline')).toContainText('102 xã, phường');
	const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	const dashboardJs = await firstVisitJs(`${fx.origin}/dashboard`, cookie);
	const plainJs = await firstVisitJs(`${fx.origin}/how-we-count`, cookie);
	const sizes = {
		dashboard: dashboardJs,
		plainPage: plainJs,
		added: dashboardJs.bytes - plainJs.bytes
	};
	console.log('dashboard JavaScript on a first visit (gzip bytes)', JSON.stringify(sizes));
	test.info().annotations.push({ type: 'js', description: JSON.stringify(sizes) });
	// The charts, table and map add no library: what the page adds to a plain page stays small.
	expect(sizes.added).toBeLessThan(30_000);
	await page.context().close();
	await screenshots(browser, 'empty');
});

test('partly baselined: the province figure shows, the communes without one are named', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const plan = fx.partlyPlan();
	const admin = await dashboard(browser, { path: '/dashboard/baselines' });
	await fx.uploadBaselines(admin, [...plan.baselines, ['province', plan.province[2026]]]);
	await fx.saveBaseline(admin, 'Toàn tỉnh', 2025, plan.province[2025]);
	await admin.context().close();
	await fx.learners(plan.learners);
	const page = await dashboard(browser);
	// Up to the end of yesterday: today's five are not counted yet.
	const counted = plan.learners.filter((l) => l.daysAgo > 0).length;
	await expect(page.locator('.headline .counts')).toContainText(`${counted} người đã học`);
	await expect(page.locator('.headline')).toContainText(
		'62 trong 102 xã, phường chưa có số người dùng Internet ước tính'
	);
	await chartsMatchTables(page);
	await axe(page);
	const en = await dashboard(browser, { locale: 'en' });
	await axe(en);
	await en.context().close();

	// A tap on a commune of the map opens its card, in view and in focus.
	const phone = await dashboard(browser, { width: 360, height: 740 });
	const code = fx.communes[3]!.code;
	await tapOn(phone, code);
	await expect(phone).toHaveURL(new RegExp(`#unit-${code}$`));
	await expect(phone.locator(`#unit-${code}`)).toBeInViewport();
	await expect(phone.locator(`#unit-${code}`)).toBeFocused();
	// From the search, the keyboard reaches every card in turn.
	const order = await phone
		.locator('table.units tbody tr a')
		.evaluateAll((as) => as.map((a) => a.closest('tr')!.id));
	expect(order).toHaveLength(102);
	await phone.locator('.controls button[type="submit"]').focus();
	for (const id of order) {
		await phone.keyboard.press('Tab');
		await expect(phone.locator(`#${id} a`)).toBeFocused();
	}
	await phone.context().close();
	await screenshots(browser, 'partly');
});

test('full: every commune learning and estimated; search and sort with and without JavaScript', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const plan = fx.fullPlan();
	const admin = await dashboard(browser, { path: '/dashboard/baselines' });
	await fx.uploadBaselines(admin, plan.baselines);
	await fx.saveBaseline(admin, 'Toàn tỉnh', new Date().getFullYear(), plan.province);
	await admin.context().close();
	await fx.learners(plan.learners);

	const plain = await dashboard(browser, { js: false, path: '/dashboard?q=tan+duong' });
	await expect(plain.locator('table.units tbody tr')).toHaveCount(1);
	await expect(plain.locator('table.units tbody tr th')).toHaveText('Xã Tân Dương');
	await plain.context().close();

	const page = await dashboard(browser, { width: 1366, height: 900, wait: false });
	// Typed at once, perhaps before the page hydrated: the address follows the search either way.
	await page.getByLabel('Tìm theo tên địa bàn').fill('my tho');
	await expect(page).toHaveURL(/q=my%20tho|q=my\+tho/);
	await expect(page.locator('table.units tbody tr')).toHaveCount(2);
	await page.getByLabel('Tìm theo tên địa bàn').fill('');
	await page.getByLabel('Sắp xếp theo').selectOption('reachPct');
	await page.getByLabel('Thứ tự').selectOption('desc');
	const pcts = await page
		.locator('table.units tbody td.pct')
		.evaluateAll((cells) => cells.map((c) => Number((c as HTMLElement).dataset.pct)));
	expect(pcts).toEqual([...pcts].sort((a, b) => b - a));
	await chartsMatchTables(page);
	await axe(page);
	await page.context().close();
	await screenshots(browser, 'full');
});
