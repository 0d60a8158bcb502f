/**
 * The annual report printed to A4 as a browser prints it, read back with poppler (pdfinfo, pdftotext):
 * the administrative form, and every figure equal to `npm run reach:figures -- --json`.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type BrowserContext } from '@playwright/test';
import {
	laiVung,
	origin,
	reachFigures,
	reportYear as year,
	seedReport,
	startReportServer,
	tanDuong
} from './report-server';
import {
	cell,
	expectNumberedPages,
	expectUnitRows,
	pct,
	printed,
	reportPage,
	rowsOf,
	vi
} from './report-print';

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

test('the province report prints as an administrative document on exact A4 pages, equal to the CLI', async ({
	browser
}) => {
	const page = await reportPage(browser, signedIn, '');
	await page.getByLabel('Số văn bản').fill('15');
	await page.getByLabel('Ngày ký').fill(`${year}-12-05`);
	await page.getByRole('button', { name: 'Xem báo cáo' }).click();
	await expect(page).toHaveURL(/number=15/);
	await page.evaluate(() => document.fonts.ready);
	const cli = reachFigures();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('BÁO CÁO');
	const pdf = await printed(dir, page, 'province-vi');
	expect(pdf.pages).toBeGreaterThanOrEqual(4);
	expectNumberedPages(pdf.text);
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
	// Held for review: beside the official figure, never added to it.
	expect(pdf.all).toMatch(
		new RegExp(
			`Tạm giữ để xem xét \\(không cộng vào số chính thức\\)\\s+${cell(cli.held.reached)}\\n`
		)
	);
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
	expect(pdf.all).toMatch(
		/Ước\s+tính\s+thử\s+nghiệm\s+của\s+Sở\s+Khoa\s+học\s+và\s+Công\s+nghệ,\s+năm/
	);
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
	const district = await reportPage(browser, signedIn, `?area=${laiVung}`);
	const pdf = await printed(dir, district, 'district-vi');
	expect(pdf.text[0]).toContain('trên địa bàn huyện Lai Vung cũ');
	expect(pdf.all).toMatch(
		new RegExp(`Đã học \\(trực tuyến, xác minh\\)\\s+${vi(cli.official.reached!)}\\n`)
	);
	expectUnitRows(pdf.text, cli.units);
	expect(pdf.all).not.toContain('Xã Tháp Mười');
	test.info().annotations.push({ type: 'pages', description: `district vi: ${pdf.pages}` });

	const unit = cli.units.find((u) => u.id === tanDuong)!;
	expect(unit.reachPct, 'Tân Dương has a baseline and more than 10 learners').not.toBeNull();
	const commune = await reportPage(browser, signedIn, `?area=${tanDuong}`);
	const paper = await printed(dir, commune, 'commune-vi');
	expect(paper.text[0]).toContain('trên địa bàn xã Tân Dương');
	expect(paper.all).toMatch(
		new RegExp(`Đã học \\(trực tuyến, xác minh\\)\\s+${cell(unit.reached)}\\n`)
	);
	expect(paper.all).toMatch(new RegExp(`Đã đạt bài kiểm tra\\s+${cell(unit.skilled)}\\n`));
	expect(paper.all).toMatch(new RegExp(`Tỉ lệ tiếp cận\\s+${pct(unit.reachPct!)} `));
	expect(paper.all).toContain('Viền đậm: Xã Tân Dương.');
	expect(paper.all).toContain('Số liệu theo khóa học chỉ được tổng hợp cho từng huyện cũ');
	expect(paper.pages).toBeLessThanOrEqual(6);
	expectNumberedPages(paper.text);
	test.info().annotations.push({ type: 'pages', description: `commune vi: ${paper.pages}` });
});

test('the English translation has the same layout, labelled as such', async ({ browser }) => {
	const page = await reportPage(browser, signedIn, '?number=15', 'en');
	const pdf = await printed(dir, page, 'province-en');
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
