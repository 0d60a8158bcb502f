/**
 * The annual report beyond its print: who may read which report, the shipped font, and the page on
 * phones and a desktop in both languages (screenshots of screen and print preview).
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { secondStep } from './two-factor-steps';
import { expect, request, test, type BrowserContext } from '@playwright/test';
import { postForm, signIn } from './identities';
import { firstCourse, overflowing } from './support';
import { admin, laiVung, origin, seedReport, startReportServer, tanDuong } from './report-server';
import { reportPage } from './report-print';

test.use({ baseURL: origin });
test.describe.configure({ mode: 'serial' });

const dir = 'test-results/annual-report';

let stop: () => Promise<void>;
let signedIn: Awaited<ReturnType<BrowserContext['storageState']>>;

test.beforeAll(async ({ browser }) => {
	test.setTimeout(240_000);
	mkdirSync(dir, { recursive: true });
	stop = await startReportServer();
	signedIn = await seedReport(browser);
});

test.afterAll(async () => {
	await stop?.();
});

test('a district analyst gets only their district and its units', async () => {
	const adminApi = await signIn(origin, admin.username, admin.password);
	const invited = await adminApi.post('/admin/invites?/analyst', {
		form: { scope: laiVung },
		headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	const link = `/invite/${/\/invite\/([a-z2-7]+)/.exec(await invited.text())![1]}`;
	const staff = await request.newContext({ baseURL: origin });
	const created = await postForm(staff, origin, `${link}?/create`, {
		username: 'lai-vung-report',
		password: 'district analyst pw',
		confirm: 'district analyst pw'
	});
	expect(created.status()).toBe(303);
	// An analyst enrols in two-step verification before any dashboard page opens.
	await secondStep(staff, origin, 'lai-vung-report', created.headers().location!);
	expect((await staff.get('/dashboard/report')).status()).toBe(200);
	expect((await staff.get(`/dashboard/report?area=${tanDuong}`)).status()).toBe(200);
	expect((await staff.get('/dashboard/report?area=province')).status()).toBe(403);
	expect((await staff.get('/dashboard/report?area=district:871')).status()).toBe(403);
	expect((await staff.get('/dashboard/report?area=dong-thap-2026:30037')).status()).toBe(403);
	expect((await staff.get('/dashboard/report/export?area=province&table=units')).status()).toBe(
		403
	);
	expect((await staff.get('/dashboard/report?area=nowhere')).status()).toBe(404);
});

test('the font is served by the app under the CSP, loaded by the report only', async ({
	browser
}) => {
	const page = await reportPage(browser, signedIn, '', 'vi', 390);
	const response = await page.reload();
	await page.evaluate(() => document.fonts.ready);
	expect(response!.headers()['content-security-policy']).toContain("font-src 'self'");
	const urls = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((e) => e.name)
			.filter((url) => /\.(woff2?|ttf|otf)(\?|$)/.test(url))
	);
	expect(urls.length).toBeGreaterThanOrEqual(2);
	const fonts: { url: string; bytes: number }[] = [];
	for (const url of urls) {
		expect(url.startsWith(`${origin}/_app/immutable/assets/tinos-`), url).toBe(true);
		fonts.push({ url, bytes: (await (await page.request.get(url)).body()).length });
	}
	expect(await page.evaluate(() => document.fonts.check('16px Tinos', 'Độc lập'))).toBe(true);
	const total = fonts.reduce((s, f) => s + f.bytes, 0);
	test.info().annotations.push({
		type: 'font bytes',
		description: `report page: ${total} B in ${fonts.length} files`
	});
	expect(total).toBeLessThan(60_000);

	const learner = await (await browser.newContext({ baseURL: origin })).newPage();
	const loaded: string[] = [];
	learner.on(
		'request',
		(r) => void (/\.(woff2?|ttf|otf)(\?|$)/.test(r.url()) && loaded.push(r.url()))
	);
	await learner.goto('/');
	await learner.goto(`/courses/${firstCourse.slug}/${firstCourse.lessons[0]!.slug}`);
	await learner.evaluate(() => document.fonts.ready);
	expect(loaded).toEqual([]);
});

test('its chart and map say what its tables say, and it passes axe', async ({ browser }) => {
	for (const locale of ['vi', 'en'] as const) {
		const page = await reportPage(browser, signedIn, '', locale);
		const compared = await page.evaluate(() => {
			const months = [...document.querySelectorAll('.chart rect.bar')].map((bar) => {
				const row = document.querySelector(
					`table[data-table="months"] tr[data-key="${bar.getAttribute('data-month')}"]`
				);
				return [bar.getAttribute('data-value'), row?.querySelector('td')?.dataset.value ?? null];
			});
			const units = [...document.querySelectorAll('.map path.unit')].map((path) => {
				const name = path.getAttribute('data-name');
				const row = [...document.querySelectorAll('table[data-table="units"] tbody tr')].find(
					(r) => r.querySelector('th')?.textContent?.trim() === name
				);
				const pct = [...(row?.querySelectorAll('td') ?? [])].at(-1);
				const figure = path.getAttribute('data-figure')!;
				// A figure on the map is the table's reach %; hidden or missing there, no figure on the map.
				return [
					name,
					/\d%$/.test(figure) ? figure : null,
					pct?.dataset.value ? pct.textContent!.trim() : null
				];
			});
			return { months, units };
		});
		expect(compared.months.length, locale).toBeGreaterThan(0);
		for (const [bar, cell] of compared.months) expect(bar).toBe(cell);
		expect(compared.units.length, locale).toBeGreaterThan(100);
		expect(compared.units.filter(([, fig]) => fig !== null).length, locale).toBeGreaterThan(0);
		for (const [name, onMap, inTable] of compared.units) expect(onMap, String(name)).toBe(inTable);
		const results = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze();
		expect(
			results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
			locale
		).toEqual([]);
		await page.context().close();
	}
});

test('the report on a phone stays inside the screen; screenshots of screen and print preview', async ({
	browser
}) => {
	test.setTimeout(180_000);
	for (const locale of ['vi', 'en'] as const)
		for (const [width, height] of [
			[360, 740],
			[390, 844],
			[1366, 900]
		] as const)
			for (const [name, query] of [
				['province', ''],
				['district', `?area=${laiVung}`],
				['commune', `?area=${tanDuong}`]
			] as const) {
				const page = await reportPage(
					browser,
					signedIn,
					`${query}${query ? '&' : '?'}number=15`,
					locale,
					width
				);
				await page.setViewportSize({ width, height });
				expect(await overflowing(page), `${name} ${width}`).toEqual([]);
				if (width === 360) {
					// Large text (130%) still wraps inside the screen.
					await page.evaluate(() => (document.documentElement.style.fontSize = '130%'));
					expect(await overflowing(page), `${name} 360 at 130%`).toEqual([]);
					await page.evaluate(() => (document.documentElement.style.fontSize = ''));
				}
				const shot = `${dir}/${name}-${locale}-${width}x${height}`;
				await page.screenshot({ path: `${shot}-form.png` });
				// The document itself, from its letterhead down.
				await page.locator('article.report').evaluate((el) => el.scrollIntoView());
				await page.screenshot({ path: `${shot}.png` });
				// Printing lays the page out at A4's width, whatever the screen: only a desktop's preview says much.
				if (width > 1000) {
					await page.emulateMedia({ media: 'print' });
					await page.screenshot({ path: `${shot}-print.png`, fullPage: true });
				}
				await page.context().close();
			}
});
