import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import {
	combobox,
	latitude,
	longitude,
	origin,
	regionOfLearner,
	usePickerServer
} from './picker-server.ts';

usePickerServer();

test('typing "my tho" lists Phường Mỹ Tho first, Xã Mỹ Thọ after, each with its former district', async ({
	page
}) => {
	await page.goto('/start');
	await combobox(page).pressSequentially('my tho');
	const options = page.getByRole('option');
	await expect(options.first()).toContainText('Phường Mỹ Tho');
	await expect(options.first()).toContainText('trước đây thuộc thành phố Mỹ Tho, tỉnh Tiền Giang');
	await expect(options.nth(1)).toContainText('Xã Mỹ Thọ');
	await expect(options.nth(1)).toContainText('trước đây thuộc huyện Cao Lãnh, tỉnh Đồng Tháp');
	await expect(combobox(page)).toHaveAttribute('aria-expanded', 'true');
	await expect(page.getByRole('status').filter({ hasText: 'kết quả' })).toHaveText(
		`${await options.count()} kết quả`
	);
	const box = await options.first().boundingBox();
	expect(box!.height).toBeGreaterThanOrEqual(44);
});

test('with the keyboard alone a place is picked and the learner is created there', async ({
	page
}) => {
	await page.goto('/start');
	await page.locator('body').focus();
	for (
		let i = 0;
		i < 30 && !(await combobox(page).evaluate((e) => e === document.activeElement));
		i++
	)
		await page.keyboard.press('Tab');
	await expect(combobox(page)).toBeFocused();
	await page.keyboard.type('cao lanh');
	await page.keyboard.press('ArrowDown');
	await expect(combobox(page)).toHaveAttribute('aria-activedescendant', /-opt-0$/);
	await page.keyboard.press('Enter');
	const chosen = page.getByRole('group', { name: 'Bạn sống ở đâu?' });
	await expect(chosen).toContainText('Phường Cao Lãnh');
	await expect(chosen).toBeFocused();
	await expect(page.getByRole('status').filter({ hasText: 'Đã chọn' })).toHaveText(
		'Đã chọn Phường Cao Lãnh'
	);
	const submit = page.getByRole('button', { name: 'Đồng ý và bắt đầu' });
	for (let i = 0; i < 20 && !(await submit.evaluate((e) => e === document.activeElement)); i++)
		await page.keyboard.press('Tab');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL('/');
	expect(await regionOfLearner(page.context())).toBe('dong-thap-2026:29869');
});

test('a form sent without a place is stopped at the field, and the server says so too', async ({
	page
}) => {
	await page.goto('/start');
	await combobox(page).pressSequentially('my tho');
	await page.getByRole('button', { name: 'Đồng ý và bắt đầu' }).click();
	await expect(page).toHaveURL('/start');
	await expect(
		page.getByText('Hãy chọn xã hoặc phường nơi bạn sống trong danh sách.')
	).toBeVisible();
	expect(await combobox(page).evaluate((e: HTMLInputElement) => e.validationMessage)).toBe(
		'Hãy chọn xã hoặc phường nơi bạn sống trong danh sách.'
	);
	const response = await page.request.post('/start', {
		form: { region: '', next: '/' },
		headers: { origin, accept: 'text/html' }
	});
	expect(response.status()).toBe(400);
	expect(await response.text()).toContain('Vui lòng chọn');
	expect(await regionOfLearner(page.context())).toBeUndefined();
});

test('"Use my location" suggests the unit on the phone, and no request carries the position', async ({
	browser
}) => {
	const context = await browser.newContext({
		baseURL: origin,
		locale: 'vi-VN',
		permissions: ['geolocation'],
		geolocation: { longitude, latitude }
	});
	const page = await context.newPage();
	// Every request of the context (the service worker's too) for the position; the page's own for
	// what it loads.
	const sent: { url: string; text: string }[] = [];
	context.on('request', (request) => {
		const entry = { url: request.url(), text: '' };
		sent.push(entry);
		void request.allHeaders().then((headers) => {
			entry.text = `${request.url()} ${request.postData() ?? ''} ${JSON.stringify(headers)}`;
		});
	});
	const loaded: string[] = [];
	page.on('request', (request) => loaded.push(request.url()));
	await page.goto('/start');
	await expect(combobox(page)).toBeVisible();
	await page.waitForLoadState('networkidle');
	const before = loaded.length;

	const geometry = page.waitForResponse(async (r) =>
		(await r.text().catch(() => '')).includes('First and last coordinates in a ring')
	);
	await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
	const chosen = page.getByRole('group', { name: 'Bạn sống ở đâu?' });
	await expect(chosen).toContainText('Phường Mỹ Tho');
	await expect(chosen).toContainText('Đã chọn theo vị trí của bạn.');
	await expect(page.getByRole('status').filter({ hasText: 'vị trí' })).toHaveText(
		'Theo vị trí của bạn, bạn đang ở Phường Mỹ Tho. Nếu chưa đúng, hãy bấm “Chọn nơi khác”.'
	);
	// The boundaries and the geometry code (point-in-polygon-hao's chunk) came with the press only.
	const geometryUrl = (await geometry).url();
	expect(loaded.slice(0, before)).not.toContain(geometryUrl);
	expect(loaded.slice(0, before).filter((u) => u.includes('boundaries'))).toEqual([]);
	expect(loaded.slice(before)).toEqual(
		expect.arrayContaining([`${origin}/places/dong-thap-2026/boundaries.json`, geometryUrl])
	);

	const digits = [longitude, latitude].flatMap((n) => [
		n.toFixed(2),
		n.toFixed(4).replace('.', ''),
		String(n)
	]);
	await expect.poll(() => sent.every((s) => s.text)).toBe(true);
	for (const { text } of sent)
		for (const d of digits) expect(text, `a request carried ${d}`).not.toContain(d);

	// Still the person's choice: another place can be picked.
	await chosen.getByRole('button', { name: 'Chọn nơi khác' }).click();
	await expect(combobox(page)).toBeFocused();
	await context.close();
});

test('without JavaScript it is a plain select grouped by former district, and it works', async ({
	browser
}) => {
	const context = await browser.newContext({ baseURL: origin, javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/start');
	const select = page.getByLabel('Bạn sống ở đâu?');
	await expect(select).toHaveJSProperty('tagName', 'SELECT');
	await expect(select).toHaveAttribute('required');
	await expect(select.locator('optgroup')).toHaveCount(23);
	await expect(
		select.locator('optgroup[label="Huyện Châu Thành (Tiền Giang)"] option')
	).toHaveCount(7);
	await select.selectOption({ label: 'Phường Mỹ Tho' });
	await page.getByRole('button', { name: 'Đồng ý và bắt đầu' }).click();
	await expect(page).toHaveURL('/');
	expect(await regionOfLearner(context)).toBe('dong-thap-2026:28261');
	await context.close();
});

test('/start with the picker open, and with a place chosen, passes axe WCAG 2.2 AA', async ({
	page
}) => {
	await page.goto('/start');
	await combobox(page).pressSequentially('my tho');
	await expect(page.getByRole('option').first()).toBeVisible();
	const tags = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];
	const found = async () =>
		(await new AxeBuilder({ page }).withTags(tags).analyze()).violations.map(
			(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
		);
	expect(await found()).toEqual([]);
	await page.keyboard.press('ArrowDown');
	expect(await found()).toEqual([]);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('group', { name: 'Bạn sống ở đâu?' })).toBeVisible();
	expect(await found()).toEqual([]);
});
