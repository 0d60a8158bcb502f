import { mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import {
	expect,
	request,
	test,
	type Browser,
	type BrowserContext,
	type Page
} from '@playwright/test';
import { postForm, signIn } from './identities';
import { firstCourse } from './support';
import {
	admin,
	enterBaseline,
	learnersIn,
	origin,
	reachFigures,
	readPdf,
	startReportServer,
	type CliFigures
} from './report-server';

test.use({ baseURL: origin });
test.describe.configure({ mode: 'serial' });

const year = Number(
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).slice(0, 4)
);
const tanDuong = 'dong-thap-2026:30214';
const laiVung = 'district:876';
const dir = 'test-results/annual-report';
const vi = (n: number) => n.toLocaleString('vi-VN');
const pct = (n: number) => `${String(n).replace('.', ',')}%`;

let stop: () => Promise<void>;
let signedIn: Awaited<ReturnType<BrowserContext['storageState']>>;

test.beforeAll(async ({ browser }) => {
	test.setTimeout(240_000);
	mkdirSync(dir, { recursive: true });
	stop = await startReportServer();
	const page = await browser.newPage({ baseURL: origin });
	await page.goto('/account/signin');
	await page.getByLabel('Tên đăng nhập').fill(admin.username);
	await page.getByLabel('Mật khẩu').fill(admin.password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL('/admin');
	for (const [area, users] of [
		['Xã Tân Dương', 120],
		['Xã Hoà Long', 900],
		['Xã Phong Hoà', 1500],
		['Phường Mỹ Tho', 400]
	] as const) {
		await page.goto('/dashboard/baselines');
		const value = await page
			.getByLabel('Địa bàn')
			.locator('option', { hasText: area })
			.first()
			.getAttribute('value');
		await enterBaseline(page, value!, year, users);
	}
	// Last year's learners in Tân Dương, so the 2025 target is judged on figures of its own.
	const lastYear = Date.UTC(year - 1, 10, 20, 3);
	await learnersIn(tanDuong, 11, { passing: 10, at: lastYear });
	await learnersIn(tanDuong, 14, { passing: 3, at: Date.UTC(year, 2, 10, 3) });
	await learnersIn('dong-thap-2026:30208', 4);
	await learnersIn('dong-thap-2026:28261', 22, { passing: 12 });
	await learnersIn('dong-thap-2026:30037', 12);
	signedIn = await page.context().storageState();
	await page.close();
});

test.afterAll(async () => {
	await stop?.();
});

async function reportPage(
	browser: Browser,
	query: string,
	locale: 'vi' | 'en' = 'vi',
	width = 1366
) {
	const context = await browser.newContext({
		baseURL: origin,
		storageState: signedIn,
		viewport: { width, height: width < 1000 ? 740 : 900 },
		deviceScaleFactor: 1,
		isMobile: width < 1000,
		hasTouch: width < 1000
	});
	if (locale === 'en') await context.addCookies([{ name: 'lang', value: 'en', url: origin }]);
	const page = await context.newPage();
	const response = await page.goto(`/dashboard/report${query}`);
	expect(response?.status()).toBe(200);
	await page.evaluate(() => document.fonts.ready);
	return page;
}

/** Prints the page to A4 as a browser would, and reads the PDF back page by page. */
async function print(page: Page, name: string) {
	const path = `${dir}/${name}.pdf`;
	await page.pdf({ path, format: 'A4', printBackground: true });
	const pdf = readPdf(path);
	// The print preview as people see it: each page as a picture.
	execFileSync('pdftoppm', ['-r', '60', '-png', path, `${dir}/${name}-page`]);
	return {
		...pdf,
		text: pdf.text.map((t) => t.normalize('NFC')),
		all: pdf.text.join('\n').normalize('NFC')
	};
}

/** The printed line of a unit's row, on every page it appears on (a row cut in two would show twice or not at all). */
function rowsOf(text: string[], name: string) {
	const line = new RegExp(`^\\s*\\d+\\s+${name}\\s+(?=[\\dẩ—])(.*)$`, 'gm');
	return text.flatMap((page, i) =>
		[...page.matchAll(line)].map((m) => ({ page: i + 1, cells: m[1]!.trim().split(/\s+/) }))
	);
}

const cell = (v: number | null) => (v === null ? 'ẩn' : vi(v));

function expectUnitRows(text: string[], units: CliFigures['units']) {
	for (const u of units.filter((x) => x.known)) {
		const rows = rowsOf(text, u.name);
		expect(rows, u.name).toHaveLength(1);
		const [reached, skilled] = rows[0]!.cells;
		expect([reached, skilled], u.name).toEqual([cell(u.reached), cell(u.skilled)]);
		const last = rows[0]!.cells.at(-1)!;
		expect(last, u.name).toBe(
			u.reachPct === null ? (u.reached === null ? 'ẩn' : '—') : pct(u.reachPct)
		);
	}
}

test('the province report prints as an administrative document on exact A4 pages, equal to the CLI', async ({
	browser
}) => {
	const page = await reportPage(browser, '');
	await page.getByLabel('Số văn bản').fill('15');
	await page.getByLabel('Ngày ký').fill(`${year}-12-05`);
	await page.getByRole('button', { name: 'Xem báo cáo' }).click();
	await expect(page).toHaveURL(/number=15/);
	await page.evaluate(() => document.fonts.ready);
	const cli = reachFigures();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('BÁO CÁO');
	const pdf = await print(page, 'province-vi');
	expect(pdf.pages).toBeGreaterThanOrEqual(4);
	const first = pdf.text[0]!;
	for (const words of [
		'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
		'Độc lập - Tự do - Hạnh phúc',
		'UBND TỈNH ĐỒNG THÁP',
		'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
		'Số: 15/BC-SKHCN',
		`Đồng Tháp, ngày 05 tháng 12 năm ${year}`,
		'BÁO CÁO',
		'Sở Khoa học và Công nghệ tỉnh Đồng Tháp'
	])
		expect(first, words).toContain(words);
	// The headline: its figures are the CLI's, and the 2025 target is judged at 31/12/2025.
	expect(pdf.all).toMatch(
		new RegExp(`Đã học \\(trực tuyến, xác minh\\)\\s+${vi(cli.official.reached!)}\\n`)
	);
	expect(pdf.all).toMatch(new RegExp(`Đã đạt bài kiểm tra\\s+${vi(cli.official.skilled!)}\\n`));
	expect(pdf.all).toMatch(
		new RegExp(`31/12/2025\\s+31/12/2025\\s+${cell(cli.byYear[String(year - 1)]!.reached)}\\s`)
	);
	// Every unit's row whole on one page, with the CLI's figures; each page of the table starts with its header.
	expectUnitRows(pdf.text, cli.units);
	for (const text of pdf.text.filter(
		(t) => rowsOf([t], 'Xã Tân Dương').length || /^\s*\d+\s+(Xã|Phường) /m.test(t)
	))
		expect(text).toMatch(/STT\s+(Xã, phường|Huyện cũ)/);
	expect(pdf.all).toContain('(giờ Việt Nam, UTC+7)');
	expect(pdf.all).toMatch(/Ước tính thử nghiệm của Sở Khoa học và Công\s+nghệ, năm/);
	expect(pdf.all).toContain('NGƯỜI LẬP BÁO CÁO');
	expect(pdf.all).toContain('(Ký, ghi rõ họ tên)');
	expect(pdf.all).toContain('Nơi nhận:');
	// No site chrome and no form on paper.
	expect(pdf.all).not.toContain('Xem báo cáo');
	expect(pdf.all).not.toContain('An toàn mạng Đồng Tháp\n');
	test.info().annotations.push({ type: 'pages', description: `province vi: ${pdf.pages}` });

	// The CSV of the unit table holds the same figures, hidden cells empty.
	const csv = (
		await (
			await page.request.get(`/dashboard/report/export?area=province&year=${year}&table=units`)
		).text()
	).replace(/^\uFEFF/, '');
	const lines = csv.split('\r\n');
	expect(lines[0]).toBe(
		'STT,"Xã, phường",Đã học,Đã đạt,Dự trực tiếp (QR),Người dùng Internet ước tính,Tỉ lệ tiếp cận,Số liệu mẫu'
	);
	for (const u of cli.units.filter((x) => x.known)) {
		const row = lines.find((l) => l.split(',')[1] === u.name)!.split(',');
		expect([row[2], row[3], row[6]], u.name).toEqual([
			u.reached === null ? '' : String(u.reached),
			u.skilled === null ? '' : String(u.skilled),
			u.reachPct === null ? '' : String(u.reachPct)
		]);
	}
	for (const table of ['months', 'courses', 'districts'])
		expect(
			(
				await page.request.get(`/dashboard/report/export?area=province&year=${year}&table=${table}`)
			).status()
		).toBe(200);
	expect(
		(await page.request.get(`/dashboard/report/export?area=province&table=nope`)).status()
	).toBe(400);
});

test('a district report and a commune report, each equal to the CLI for its district', async ({
	browser
}) => {
	const cli = reachFigures(laiVung);
	const district = await reportPage(browser, `?area=${laiVung}`);
	const pdf = await print(district, 'district-vi');
	expect(pdf.text[0]).toContain('trên địa bàn huyện Lai Vung cũ');
	expect(pdf.all).toMatch(
		new RegExp(`Đã học \\(trực tuyến, xác minh\\)\\s+${vi(cli.official.reached!)}\\n`)
	);
	expectUnitRows(pdf.text, cli.units);
	expect(pdf.all).not.toContain('Xã Tháp Mười');
	test.info().annotations.push({ type: 'pages', description: `district vi: ${pdf.pages}` });

	const unit = cli.units.find((u) => u.id === tanDuong)!;
	const commune = await reportPage(browser, `?area=${tanDuong}`);
	const paper = await print(commune, 'commune-vi');
	expect(paper.text[0]).toContain('trên địa bàn xã Tân Dương');
	expect(paper.all).toMatch(
		new RegExp(`Đã học \\(trực tuyến, xác minh\\)\\s+${cell(unit.reached)}\\n`)
	);
	expect(paper.all).toMatch(new RegExp(`Đã đạt bài kiểm tra\\s+${cell(unit.skilled)}\\n`));
	expect(paper.all).toMatch(new RegExp(`Tỉ lệ tiếp cận\\s+${pct(unit.reachPct!)} `));
	expect(paper.all).toContain('Viền đậm: Xã Tân Dương.');
	expect(paper.all).toContain('Số liệu theo khóa học chỉ được tổng hợp cho từng huyện cũ');
	expect(paper.pages).toBeLessThanOrEqual(4);
	test.info().annotations.push({ type: 'pages', description: `commune vi: ${paper.pages}` });
});

test('the English translation has the same layout, labelled as such', async ({ browser }) => {
	const page = await reportPage(browser, '?number=15', 'en');
	const pdf = await print(page, 'province-en');
	for (const words of [
		'English translation, for reference',
		'SOCIALIST REPUBLIC OF VIET NAM',
		'Independence - Freedom - Happiness',
		'No.: 15/BC-SKHCN',
		'REPORT',
		'PREPARED BY'
	])
		expect(pdf.all, words).toContain(words);
	test.info().annotations.push({ type: 'pages', description: `province en: ${pdf.pages}` });
});

test('a district analyst gets only their district and its units', async () => {
	const adminApi = await signIn(origin, admin.username, admin.password);
	const invited = await adminApi.post('/admin/invites?/analyst', {
		form: { scope: laiVung },
		headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	const link = `/invite/${/\/invite\/([a-z2-7]+)/.exec(await invited.text())![1]}`;
	const staff = await request.newContext({ baseURL: origin });
	expect(
		(
			await postForm(staff, origin, `${link}?/create`, {
				username: 'lai-vung-report',
				password: 'district analyst pw',
				confirm: 'district analyst pw'
			})
		).status()
	).toBe(303);
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
	const page = await reportPage(browser, '', 'vi', 390);
	const fonts: { url: string; bytes: number }[] = [];
	page.on('response', async (r) => {
		if (r.url().endsWith('.woff2')) fonts.push({ url: r.url(), bytes: (await r.body()).length });
	});
	const response = await page.reload();
	await page.evaluate(() => document.fonts.ready);
	await expect.poll(() => fonts.length).toBeGreaterThanOrEqual(2);
	expect(response!.headers()['content-security-policy']).toContain("font-src 'self'");
	for (const f of fonts)
		expect(f.url.startsWith(`${origin}/_app/immutable/assets/tinos-`), f.url).toBe(true);
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
					`${query}${query ? '&' : '?'}number=15`,
					locale,
					width
				);
				await page.setViewportSize({ width, height });
				expect(
					await page.evaluate(() => document.documentElement.scrollWidth),
					`${name} ${width}`
				).toBeLessThanOrEqual(width);
				await page.screenshot({
					path: `${dir}/${name}-${locale}-${width}x${height}.png`,
					fullPage: width > 1000
				});
				await page.emulateMedia({ media: 'print' });
				await page.screenshot({ path: `${dir}/${name}-${locale}-${width}x${height}-print.png` });
				await page.context().close();
			}
});
