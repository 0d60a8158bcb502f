import { expect, request, test } from '@playwright/test';
import { codeAt, nextCode, secretOf, stepNow } from '../authenticator';
import { adminPassword, adminUsername } from './accounts-fixture';
import { makeOrganizer, postForm, signIn, staffPassword } from './identities';
import { db, scalar, shot } from './support';
import {
	enrolOnPage,
	lengthenTimeout,
	newAdmin,
	passwordStep,
	secondStep,
	signInOnPage,
	signOutOnPage
} from './two-factor-steps';

const password = 'two-step admin password';
const tag = Date.now().toString(36);

const audited = (action: string, target: string) =>
	scalar(
		'SELECT count(*) FROM audit_log WHERE action = ? AND target = (SELECT id FROM users WHERE username = ?)',
		[action, target]
	);

test('an admin enrols, then signs in with a code or a recovery code, and neither works twice', async ({
	page,
	baseURL
}) => {
	test.setTimeout(90_000);
	const admin = newAdmin(`tf-admin-${tag}`, password);
	await passwordStep(page, admin, password);
	await expect(page).toHaveURL('/account/two-factor');
	await expect(page.getByText('Quản trị viên và cán bộ phân tích bắt buộc')).toBeVisible();
	for (const area of ['/admin', '/dashboard', '/admin/users']) {
		await page.goto(area);
		await expect(page, `${area} before enrolling`).toHaveURL('/account/two-factor');
	}
	await page.getByRole('button', { name: 'Bật xác thực hai bước' }).click();
	await expect(page.getByRole('img', { name: /Mã QR/ }).locator('svg')).toBeVisible();
	const secret = (await page.locator('#totp-secret').textContent())!.trim();
	expect(secret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
	await shot(page, 'two-factor-setup-vi');
	const uri = new URL(
		(await page.getByRole('link', { name: /mở ứng dụng/ }).getAttribute('href'))!
	);
	expect(uri.searchParams.get('secret')).toBe(secret.replaceAll(' ', ''));
	expect(uri.pathname).toContain(admin);
	// A wrong code turns nothing on.
	await page.getByLabel('Mã xác thực 6 số').fill(codeAt(secret, stepNow() + 5));
	await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
	await expect(page.getByText('Mã xác thực không đúng hoặc đã được dùng.')).toBeVisible();
	const codes = await enrolOnPage(page, admin);
	expect(new Set(codes).size).toBe(10);
	await page.reload();
	await expect(page.getByText('Còn 10 mã dự phòng chưa dùng.')).toBeVisible();
	await expect(page.getByText(codes[0]!)).toHaveCount(0);
	await page.goto('/admin');
	await expect(page).toHaveURL('/admin');
	expect(await audited('two-factor.enrolled', admin)).toBe(1);
	const stored = JSON.stringify((await db.execute('SELECT * FROM user_totp, recovery_codes')).rows);
	expect(stored).not.toContain(secretOf(baseURL!, admin)!.replaceAll(' ', ''));
	expect(stored).not.toContain(codes[0]!.replaceAll('-', ''));

	await signOutOnPage(page);
	await passwordStep(page, admin, password);
	await expect(page).toHaveURL('/account/signin/code');
	await shot(page, 'two-factor-code-vi');
	expect((await page.context().cookies()).some((c) => c.name === 'session')).toBe(false);
	expect((await page.request.get('/admin', { maxRedirects: 0 })).status()).toBe(303);
	const code = await nextCode(baseURL!, admin, lengthenTimeout);
	await page.getByLabel('Mã xác thực 6 số').fill(code);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL('/admin');

	await signOutOnPage(page);
	await passwordStep(page, admin, password);
	await page.getByLabel('Mã xác thực 6 số').fill(code);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page.getByText('Mã xác thực không đúng hoặc đã được dùng.')).toBeVisible();
	await page.getByText('Không có điện thoại? Dùng mã dự phòng').click();
	await page.getByLabel('Mã dự phòng').fill(codes[0]!.toUpperCase());
	await page.getByRole('button', { name: 'Đăng nhập bằng mã dự phòng' }).click();
	await expect(page).toHaveURL('/admin');
	expect(await audited('two-factor.recovery-used', admin)).toBe(1);
	await page.goto('/account');
	await expect(page.getByText('Còn 9 mã dự phòng chưa dùng.')).toBeVisible();

	await signOutOnPage(page);
	await passwordStep(page, admin, password);
	await page.getByText('Không có điện thoại? Dùng mã dự phòng').click();
	await page.getByLabel('Mã dự phòng').fill(codes[0]!);
	await page.getByRole('button', { name: 'Đăng nhập bằng mã dự phòng' }).click();
	await expect(page.getByText('Mã dự phòng không đúng hoặc đã được dùng.')).toBeVisible();
	await expect(page).toHaveURL('/account/signin/code');
});

test('wrong codes are limited per account with 429 and the minutes to wait', async ({
	baseURL
}) => {
	const admin = newAdmin(`tf-limited-${tag}`, password);
	await (await signIn(baseURL!, admin, password)).dispose();
	const ctx = await request.newContext({ baseURL });
	const step1 = await postForm(ctx, baseURL!, '/account/signin', { username: admin, password });
	expect(step1.headers().location).toBe('/account/signin/code');
	const secret = secretOf(baseURL!, admin)!;
	const right = [-1, 0, 1, 2].map((d) => codeAt(secret, stepNow() + d));
	const wrong = ['000000', '111111', '222222'].find((c) => !right.includes(c))!;
	const statuses = [];
	for (let i = 0; i < 6; i++)
		statuses.push(
			(await postForm(ctx, baseURL!, '/account/signin/code?/code', { code: wrong })).status()
		);
	expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
	const blocked = await postForm(ctx, baseURL!, '/account/signin/code?/code', {
		code: await nextCode(baseURL!, admin, lengthenTimeout)
	});
	expect(blocked.status()).toBe(429);
	expect(await blocked.text()).toMatch(/Bạn đã thử quá nhiều lần. Vui lòng đợi \d+ phút/);
	const state = await ctx.storageState();
	const pending = state.cookies.find((c) => c.name === 'signin_pending')!;
	const english = await request.newContext({
		baseURL,
		storageState: {
			cookies: [...state.cookies, { ...pending, name: 'lang', value: 'en', path: '/' }],
			origins: []
		}
	});
	const inEnglish = await postForm(english, baseURL!, '/account/signin/code?/code', {
		code: wrong
	});
	expect(inEnglish.status()).toBe(429);
	expect(await inEnglish.text()).toMatch(/Too many attempts. Please wait \d+ minutes/);
	expect((await ctx.storageState()).cookies.some((c) => c.name === 'session')).toBe(false);
	expect(await audited('two-factor.limited', admin)).toBe(1);
});

test('an analyst can reach nothing of the dashboard before enrolling; sessions before it end', async ({
	baseURL
}) => {
	const admin = await signIn(baseURL!, adminUsername, adminPassword);
	const invite = await admin.post('/admin/invites?/analyst', {
		form: { scope: '' },
		headers: { origin: baseURL!, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	const link = `/invite/${/\/invite\/([a-z2-7]+)/.exec(await invite.text())![1]}`;
	const username = `tf-analyst-${tag}`;
	const analyst = await request.newContext({ baseURL });
	const created = await postForm(analyst, baseURL!, `${link}?/create`, {
		username,
		password: staffPassword,
		confirm: staffPassword
	});
	expect(created.headers().location).toBe('/account/two-factor');
	// The same person signs in elsewhere with the password alone: a session as limited as this one.
	const other = await request.newContext({ baseURL });
	const signedIn = await postForm(other, baseURL!, '/account/signin', {
		username,
		password: staffPassword
	});
	expect(signedIn.headers().location).toBe('/account/two-factor');
	for (const path of [
		'/dashboard',
		'/dashboard/export?table=districts',
		'/dashboard/baselines',
		'/dashboard/report'
	]) {
		const response = await analyst.get(path, { maxRedirects: 0 });
		expect(`${path} ${response.status()} ${response.headers().location}`).toBe(
			`${path} 303 /account/two-factor`
		);
	}
	const save = await postForm(analyst, baseURL!, '/dashboard/baselines?/save', {});
	expect(save.headers().location).toBe('/account/two-factor');
	expect((await analyst.get('/admin', { maxRedirects: 0 })).status()).toBe(403);
	expect((await analyst.get('/account', { maxRedirects: 0 })).status()).toBe(200);
	await secondStep(analyst, baseURL!, username, '/account/two-factor');
	expect((await analyst.get('/dashboard', { maxRedirects: 0 })).status()).toBe(200);
	// The session made with the password alone, before enrolment, did not become a full one.
	expect((await other.get('/account', { maxRedirects: 0 })).status()).toBe(303);
});

test('an organizer may opt in and out; an admin cannot turn it off, another admin resets it', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const { organizer, storageState } = await makeOrganizer(baseURL!, `tf-${tag}`);
	const username = `organizer-tf-${tag}`;
	expect((await organizer.get('/organize', { maxRedirects: 0 })).status()).toBe(200);
	const page = await (await browser.newContext({ storageState })).newPage();
	await page.goto('/account');
	await expect(page.getByText('Xác thực hai bước chưa bật.')).toBeVisible();
	await page.getByRole('link', { name: 'Bật xác thực hai bước' }).click();
	await expect(page.getByText('Không bắt buộc với người tổ chức')).toBeVisible();
	await enrolOnPage(page, username);
	await page.getByRole('link', { name: 'Tôi đã cất mã dự phòng, tiếp tục' }).click();
	await expect(page).toHaveURL('/organize');
	await signOutOnPage(page);
	await signInOnPage(page, username, staffPassword);
	await expect(page).toHaveURL('/organize');
	await page.goto('/account/two-factor');
	const off = page.locator('form', { has: page.getByRole('button', { name: 'Tắt xác thực' }) });
	await off
		.getByLabel('Mã xác thực 6 số')
		.fill(await nextCode(baseURL!, username, lengthenTimeout));
	await off.getByRole('button').click();
	await expect(page.getByText('Đã tắt xác thực hai bước.')).toBeVisible();
	expect(await audited('two-factor.disabled', username)).toBe(1);
	await signOutOnPage(page);
	await passwordStep(page, username, staffPassword);
	await expect(page).toHaveURL('/organize');

	const admin = await signIn(baseURL!, adminUsername, adminPassword);
	const disable = await postForm(admin, baseURL!, '/account/two-factor?/disable', {
		disableCode: '123456'
	});
	expect(disable.status()).toBe(403);
	const adminPage = await (
		await browser.newContext({ storageState: await admin.storageState() })
	).newPage();
	await adminPage.goto('/account/two-factor');
	await expect(adminPage.getByText('không tự tắt được')).toBeVisible();
	await expect(adminPage.getByRole('button', { name: 'Tắt xác thực hai bước' })).toHaveCount(0);
	// An admin who lost their phone and codes: the e2e admin resets it from Admin → Accounts.
	const lost = newAdmin(`tf-lost-${tag}`, password);
	await (await signIn(baseURL!, lost, password)).dispose();
	await adminPage.goto('/admin/users');
	await adminPage
		.getByRole('listitem')
		.filter({ hasText: lost })
		.getByRole('button', { name: 'Đặt lại xác thực hai bước' })
		.click();
	await expect(adminPage.getByText(`Đã đặt lại xác thực hai bước của ${lost}.`)).toBeVisible();
	expect(await audited('two-factor.reset', lost)).toBe(1);
	const again = await request.newContext({ baseURL });
	const step1 = await postForm(again, baseURL!, '/account/signin', { username: lost, password });
	expect(step1.headers().location).toBe('/account/two-factor');
	const self = await db.execute({
		sql: 'SELECT id FROM users WHERE username = ?',
		args: [adminUsername]
	});
	const own = await postForm(admin, baseURL!, '/admin/users?/resetTwoFactor', {
		user: String(self.rows[0]![0])
	});
	expect(own.status()).toBe(400);
});
