/** Reading a printed annual report back: its pages as text, a unit's printed row, the CLI's cells. */
import { execFileSync } from 'node:child_process';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { origin, readPdf, type CliFigures } from './report-server';

export const vi = (n: number) => n.toLocaleString('vi-VN');
export const pct = (n: number) => `${String(n).replace('.', ',')}%`;

/** Prints the page to A4 as a browser would, and reads the PDF back page by page. */
export async function printed(dir: string, page: Page, name: string) {
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
export function rowsOf(text: string[], name: string) {
	const line = new RegExp(`^\\s*\\d+\\s+${name}\\s+(?=[\\dẩ—])(.*)$`, 'gm');
	return text.flatMap((page, i) =>
		[...page.matchAll(line)].map((m) => ({ page: i + 1, cells: m[1]!.trim().split(/\s+/) }))
	);
}

export const cell = (v: number | null) => (v === null ? 'ẩn' : vi(v));

export function expectUnitRows(text: string[], units: CliFigures['units']) {
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

export async function reportPage(
	browser: Browser,
	signedIn: Awaited<ReturnType<BrowserContext['storageState']>>,
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
	// The page is alive (its print button shows once a script can open the dialog).
	await page.locator('html[data-ready]').waitFor({ state: 'attached' });
	return page;
}

/** Pages numbered from the second one, at the top, as administrative documents are: no page lost. */
export function expectNumberedPages(text: string[]) {
	expect(text.length).toBeGreaterThanOrEqual(2);
	for (const [i, page] of text.entries())
		if (i > 0) expect(page.trimStart().split('\n')[0]!.trim(), `page ${i + 1}`).toBe(String(i + 1));
}
