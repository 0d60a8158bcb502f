import { expect, test } from '@playwright/test';
import * as fx from './baselines-fixture';

test.use({ baseURL: fx.origin });
test.describe.configure({ mode: 'serial' });

let server: Awaited<ReturnType<typeof fx.startServer>>;
test.beforeAll(async () => {
	test.setTimeout(90_000);
	server = await fx.startServer();
});
test.afterAll(() => server?.stop());
const { count, key } = fx;

test('the template has a row per area, and a file with problems saves nothing', async ({
	page
}) => {
	test.setTimeout(180_000);
	await fx.signIn(page);
	await page.goto('/dashboard/baselines');
	await expect(page.getByText('Toàn tỉnh chưa có số liệu riêng.')).toBeVisible();
	await expect(page.getByText('Còn 102/102 xã, phường chưa có số liệu.')).toBeVisible();
	await expect(
		page.getByText(/Tỉ lệ tiếp cận toàn tỉnh hiện ngay khi tỉnh có số liệu riêng/)
	).toBeVisible();
	await expect(page.locator('#missing li')).toHaveCount(23);
	await fx.expectNoAxeViolations(page, 'the empty page');
	await fx.screenshots(page, 'empty', () =>
		page.goto('/dashboard/baselines').then(() => undefined)
	);

	const downloaded = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Tải mẫu CSV' }).click();
	const download = await downloaded;
	expect(download.suggestedFilename()).toMatch(/^baselines-\d{4}-\d{2}-\d{2}\.csv$/);
	const template = (await (await download.createReadStream()).toArray()).join('');
	const lines = template.split('\r\n').filter(Boolean);
	expect(lines).toHaveLength(1 + 1 + 23 + 102);
	expect(lines[0]).toBe(
		'\uFEFFMã địa bàn,Tên địa bàn,Số người dùng Internet ước tính,Năm số liệu,Nguồn số liệu'
	);
	expect(lines[1]).toBe('province,Toàn tỉnh,,,');
	expect(lines[25]).toBe('28249,Phường Đạo Thạnh,,,');
	const headers = (await page.request.get('/dashboard/baselines/template')).headers();
	expect(headers['content-type']).toBe('text/csv; charset=utf-8');
	expect(headers['cache-control']).toBe('private, no-store');

	await fx.upload(page, fx.badFile);
	const summary = page.locator('.error-summary');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('heading')).toHaveText(
		'Tệp có 3 lỗi. Chưa có số liệu nào được lưu: hãy sửa tệp rồi tải lên lại.'
	);
	await expect(summary.getByRole('listitem')).toHaveText([
		'Dòng 5: không có địa bàn nào mang mã “99999”. Hãy dùng đúng mã trong tệp mẫu.',
		'Dòng 20: số người không được là số âm (“-1.200”).',
		/^Dòng 40: chưa ghi nguồn số liệu\./
	]);
	for (const line of [5, 20, 40])
		await expect(page.locator(`#line-${line} .problem-text`)).toHaveText(
			new RegExp(`^Dòng ${line}:`)
		);
	await expect(page.locator('tr.problem')).toHaveCount(3);
	await expect(page.getByRole('button', { name: /^Lưu/ })).toHaveCount(0);
	expect(await count('SELECT count(*) FROM baselines')).toBe(0);
	await summary.getByRole('link', { name: /^Dòng 20/ }).click();
	await expect(page).toHaveURL(/#line-20$/);
	await fx.expectNoAxeViolations(page, 'the preview with problems');
	await fx.screenshots(page, 'problems', async () => {
		await page.goto('/dashboard/baselines');
		await fx.upload(page, fx.badFile);
		await expect(page.locator('.error-summary')).toBeFocused();
	});
	expect(await count('SELECT count(*) FROM baselines')).toBe(0);
});

test('the fixed file is saved in one go, flags are confirmed, and the dashboard shows reach', async ({
	page
}) => {
	test.setTimeout(180_000);
	await fx.signIn(page);
	await page.goto('/dashboard/baselines');
	await fx.upload(page, fx.viFile());
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xem trước tệp so-lieu.csv');
	await expect(page.getByText('102 số mới')).toBeVisible();
	await fx.shot(page, 'clean-vi-390x844');
	await page.getByRole('button', { name: 'Lưu 102 dòng' }).click();
	await expect(page.locator('.success')).toHaveText('Đã lưu 102 dòng số liệu từ tệp.');
	expect(await count('SELECT count(*) FROM baselines WHERE year = 2025 AND is_demo = 0')).toBe(102);
	expect(await count('SELECT internet_users FROM baselines WHERE area = ?', [key(18)])).toBe(
		fx.figure(18)
	);
	const audit = await server.db.execute(
		"SELECT detail FROM audit_log WHERE action = 'baseline.imported'"
	);
	expect(audit.rows).toHaveLength(1);
	expect(JSON.parse(String(audit.rows[0]![0]))).toMatchObject({ count: 102, years: [2025] });
	await expect(page.getByText('Tất cả 102 xã, phường đã có số liệu.')).toBeVisible();
	await fx.screenshots(page, 'saved', () =>
		page.goto('/dashboard/baselines?imported=102').then(() => undefined)
	);

	// A figure for 2026 five times 2025's is flagged: saved only once the box is ticked.
	const flagged = fx.viFile((cells, i) =>
		i === 7
			? [...cells.slice(0, 2), (fx.figure(7) * 5).toLocaleString('vi-VN'), '2026', cells[4]!]
			: cells
	);
	await page.goto('/dashboard/baselines');
	await fx.upload(page, flagged);
	await expect(page.getByText('101 dòng trùng với số đã lưu, giữ nguyên')).toBeVisible();
	await expect(page.locator('.flags li')).toHaveText([/^Dòng 9, .*thay đổi hơn 3 lần\.$/]);
	await page.getByRole('button', { name: 'Lưu 1 dòng' }).click();
	await expect(page.locator('.error-summary')).toContainText('Hãy kiểm tra các số được đánh dấu');
	expect(await count('SELECT count(*) FROM baselines WHERE year = 2026')).toBe(0);
	await fx.shot(page, 'confirm-needed-vi-390x844');
	await page.getByLabel('Tôi đã kiểm tra các số được đánh dấu').check();
	await page.getByRole('button', { name: 'Lưu 1 dòng' }).click();
	await expect(page.locator('.success')).toHaveText('Đã lưu 1 dòng số liệu từ tệp.');
	expect(await count('SELECT internet_users FROM baselines WHERE year = 2026')).toBe(
		fx.figure(7) * 5
	);

	// Twelve residents of the first commune learn a lesson: 12 of its 1.200 Internet users is 1%.
	for (let n = 0; n < 12; n++) await fx.learnALesson(key(0));
	// Every column is a desktop's (a phone shows a card of name, %, bar and gap).
	await page.setViewportSize({ width: 1366, height: 900 });
	await page.goto('/dashboard');
	const cells = (name: string) => fx.rowCells(page, name);
	await expect(cells('Phường Đạo Thạnh').nth(0)).toHaveText('12');
	await expect(cells('Phường Đạo Thạnh').nth(5)).toContainText('1.200');
	await expect(cells('Phường Đạo Thạnh').nth(2)).toHaveText('1%');
	for (const i of [1, 7, 18, 38, 101]) {
		const users = (i === 7 ? fx.figure(7) * 5 : fx.figure(i)).toLocaleString('vi-VN');
		await expect(cells(fx.communes[i]!.name).nth(5), fx.communes[i]!.name).toContainText(users);
		await expect(cells(fx.communes[i]!.name).nth(2), fx.communes[i]!.name).toHaveText('0%');
	}
});

test('a row is changed, and another deleted after its confirmation, without JavaScript', async ({
	page,
	browser
}) => {
	await fx.signIn(page);
	const [changed, deleted] = [fx.communes[1]!, fx.communes[2]!];
	await page.goto('/dashboard/baselines');
	await page.getByRole('link', { name: `Sửa (Sửa số liệu của ${changed.name} năm 2025)` }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		`Sửa số liệu: ${changed.name}, năm 2025`
	);
	await expect(page.getByLabel('Số người dùng Internet ước tính')).toHaveValue(
		fx.figure(1).toLocaleString('vi-VN')
	);
	await expect(page.getByLabel('Địa bàn')).toHaveValue(key(1));
	await page.getByLabel('Số người dùng Internet ước tính').fill('2.500');
	await page.getByLabel('Nguồn số liệu').fill('x'.repeat(501));
	await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
	await expect(page.locator('.error-summary')).toBeFocused();
	await expect(page.locator('#field-source-error')).toHaveText('Nguồn số liệu dài quá 500 ký tự.');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		`Sửa số liệu: ${changed.name}, năm 2025`
	);
	await expect(page.getByLabel('Số người dùng Internet ước tính')).toHaveValue('2.500');
	await fx.shot(page, 'edit-problem-vi-390x844');
	await page.getByLabel('Nguồn số liệu').fill('Sở KH&CN, số sửa lại');
	await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
	await expect(page.locator('.success')).toHaveText(
		`Đã lưu. ${changed.name}, năm 2025: 2.500 người dùng Internet.`
	);
	expect(
		await count('SELECT internet_users FROM baselines WHERE area = ? AND year = 2025', [key(1)])
	).toBe(2_500);

	// Without JavaScript: the question is a page of its own; "go back" keeps the figure.
	const noJs = await browser.newContext({
		javaScriptEnabled: false,
		storageState: await page.context().storageState(),
		baseURL: fx.origin
	});
	const plain = await noJs.newPage();
	const remove = `Xóa (Xóa số liệu của ${deleted.name} năm 2025)`;
	await plain.goto('/dashboard/baselines');
	await plain.getByRole('button', { name: remove }).click();
	await expect(plain.getByRole('heading', { level: 1 })).toHaveText(
		`Xóa số liệu của ${deleted.name} năm 2025?`
	);
	await fx.shot(plain, 'delete-vi-390x844');
	await plain.getByRole('link', { name: 'Không xóa, quay lại' }).click();
	expect(await count('SELECT count(*) FROM baselines WHERE area = ?', [key(2)])).toBe(1);
	await plain.getByRole('button', { name: remove }).click();
	await plain.getByRole('button', { name: 'Xóa số liệu này' }).click();
	await expect(plain.locator('.success')).toHaveText(
		`Đã xóa số liệu của ${deleted.name} năm 2025.`
	);
	expect(await count('SELECT count(*) FROM baselines WHERE area = ?', [key(2)])).toBe(0);
	await expect(plain.getByText('Còn 1/102 xã, phường chưa có số liệu.')).toBeVisible();
	await expect(plain.locator('#missing')).toContainText(deleted.name);
	// Without JavaScript too, an upload with problems lands on its summary.
	await fx.upload(plain, fx.badFile);
	await expect(plain.locator('.error-summary')).toBeFocused();
	// A file over 256 KB is refused with the limit in words: by the server here, by the page with JS.
	const big = `code,users,year,source\n${'x'.repeat(300 * 1024)}\n`;
	await plain.goto('/dashboard/baselines');
	await fx.upload(plain, big);
	await expect(plain.locator('#file-error')).toHaveText(/^Tệp này lớn hơn 256 KB/);
	await page.goto('/dashboard/baselines');
	await fx.upload(page, big);
	await expect(page.locator('#file-error')).toHaveText(/^Tệp này lớn hơn 256 KB/);
	await noJs.close();
	const actions = await server.db.execute(
		"SELECT action, target FROM audit_log WHERE action LIKE 'baseline.%' ORDER BY id"
	);
	expect(actions.rows.map((r) => [r[0], r[1]])).toEqual([
		['baseline.imported', null],
		['baseline.imported', null],
		['baseline.saved', key(1)],
		['baseline.deleted', key(2)]
	]);
});

test("a former district's analyst gets 403 on the page, the template and every action", async () => {
	const staff = await fx.districtAnalyst('district:815');
	expect((await staff.get('/dashboard', { maxRedirects: 0 })).status()).toBe(200);
	const before = await count('SELECT count(*) FROM baselines');
	const row = { area: key(0), year: '2025' };
	const page = '/dashboard/baselines';
	const get = (path: string) => staff.get(path, { maxRedirects: 0 });
	const post = (action: string, form: Record<string, string>) =>
		fx.postForm(staff, `${page}?/${action}`, form);
	const file = { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from(fx.viFile()) };
	const responses = [
		await get(page),
		await get(`${page}/template`),
		await get(`${page}?edit=${key(0)}&year=2025`),
		await post('save', { region: key(0), year: '2025', users: '5', source: 'x' }),
		await post('commit', { text: fx.viFile(), fileName: 'x.csv' }),
		await post('delete', row),
		await post('delete', { ...row, confirm: 'yes' }),
		await staff.post(`${page}?/upload`, {
			multipart: { file },
			headers: { origin: fx.origin, accept: 'text/html' },
			maxRedirects: 0
		})
	];
	const statuses = responses.map((r) => r.status());
	expect(statuses).toEqual([403, 403, 403, 403, 403, 403, 403, 403]);
	expect(await count('SELECT count(*) FROM baselines')).toBe(before);
	expect(await count("SELECT count(*) FROM audit_log WHERE action LIKE 'baseline.%'")).toBe(4);
});
