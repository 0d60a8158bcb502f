import { expect, test } from '@playwright/test';
import { adminPassword, adminUsername } from './accounts-fixture';
import { postForm } from './identities';
import { signInOnPage } from './two-factor-steps';
import { answerQuiz, db, firstCourse, onboard, scalar, shot } from './support';

const password = 'my long family sentence';
const [lesson1, lesson2] = firstCourse.lessons;

test('a learner keeps progress across two phones with an account, and is counted once', async ({
	browser
}) => {
	const region = 'dong-thap-2026:30130';
	// Other tests may learn in this district too: compare with the counts before this test.
	const reached = () =>
		scalar('SELECT count(DISTINCT learner_id) FROM learning_events WHERE region_id = ?', [region]);
	const people = () =>
		scalar('SELECT count(*) FROM learners WHERE region_id = ? AND erased_at IS NULL', [region]);
	const [reachedBefore, peopleBefore] = [await reached(), await people()];
	const phone = await browser.newPage();
	await onboard(phone, 'Xã Thanh Bình');
	await phone.goto(`/courses/${firstCourse.slug}/${lesson1!.slug}`);
	await phone.getByRole('button', { name: 'Tôi đã đọc xong, làm bài kiểm tra' }).click();
	await expect(phone).toHaveURL(/\/quiz$/);
	await phone.goto('/me');
	await phone.getByRole('link', { name: 'Tạo tài khoản' }).click();
	await expect(
		phone.getByText('Những bài bạn đã học trên điện thoại này sẽ được chuyển vào tài khoản.')
	).toBeVisible();
	await phone.getByLabel('Tên đăng nhập').fill('Chi.Thanhbinh');
	await phone.getByLabel('Mật khẩu', { exact: true }).fill(password);
	await phone.getByLabel('Nhập lại mật khẩu').fill(password);
	await shot(phone, 'signup-vi');
	await phone.getByRole('button', { name: 'Tạo tài khoản' }).click();
	await expect(phone).toHaveURL('/me');
	await expect(phone.getByText('Bạn đang đăng nhập là chi.thanhbinh.')).toBeVisible();
	await expect(phone.getByText('1 hoạt động học tập')).toBeVisible();
	const session = (await phone.context().cookies()).find((c) => c.name === 'session');
	expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
	expect((await phone.context().cookies()).some((c) => c.name === 'learner')).toBe(false);

	const tablet = await (await browser.newContext()).newPage();
	await onboard(tablet, 'Xã Thanh Bình');
	await tablet.goto(`/courses/${firstCourse.slug}/${lesson2!.slug}/quiz`);
	await answerQuiz(tablet, 1);
	await tablet.getByRole('button', { name: 'Nộp bài' }).click();
	await expect(tablet.getByRole('region', { name: 'Bạn đã đạt!' })).toBeVisible();
	expect(await reached()).toBe(reachedBefore + 2);

	await tablet.goto('/account/signin');
	await tablet.getByLabel('Tên đăng nhập').fill('chi.thanhbinh');
	await tablet.getByLabel('Mật khẩu').fill(password);
	await tablet.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(tablet).toHaveURL('/');
	await tablet.goto('/me');
	await expect(
		tablet.getByText('2 hoạt động học tập, trong đó 1 lần làm bài kiểm tra')
	).toBeVisible();
	expect(await reached()).toBe(reachedBefore + 1);
	expect(await people()).toBe(peopleBefore + 1);
	await phone.goto(`/courses/${firstCourse.slug}`);
	await expect(phone.getByText(`Đã học 2/${firstCourse.lessons.length} bài`)).toBeVisible();
});

test('an admin invites an organizer, who joins by the link exactly once', async ({
	page,
	browser
}) => {
	await signInOnPage(page, adminUsername, adminPassword);
	await expect(page).toHaveURL('/admin');
	await page.getByRole('link', { name: 'Tổ chức' }).first().click();
	await page.getByLabel('Tên tổ chức').fill('Đoàn Thanh niên xã Mỹ Hiệp');
	await page.getByLabel('Loại tổ chức').selectOption({ label: 'Đoàn Thanh niên' });
	await page.getByLabel('Địa bàn').selectOption({ label: 'Xã Ba Sao' });
	await page.getByRole('button', { name: 'Thêm tổ chức' }).click();
	await expect(page.getByText('Đã thêm tổ chức Đoàn Thanh niên xã Mỹ Hiệp.')).toBeVisible();
	await page.getByRole('link', { name: 'Đoàn Thanh niên xã Mỹ Hiệp' }).click();
	await page.getByRole('button', { name: 'Tạo lời mời người tổ chức' }).click();
	const link = (await page.locator('code').textContent())!;
	expect(link).toMatch(/\/invite\/[a-z2-7]{32}$/);
	await shot(page, 'admin-organization-vi');

	const invitee = await (await browser.newContext()).newPage();
	await invitee.goto(link);
	await expect(
		invitee.getByText('Bạn được mời làm người tổ chức chiến dịch cho Đoàn Thanh niên xã Mỹ Hiệp.')
	).toBeVisible();
	await invitee.getByLabel('Tên đăng nhập').fill('bi-thu-my-hiep');
	await invitee.getByLabel('Mật khẩu', { exact: true }).fill(password);
	await invitee.getByLabel('Nhập lại mật khẩu').fill(password);
	await invitee.getByRole('button', { name: 'Tạo tài khoản và nhận lời mời' }).click();
	await expect(invitee).toHaveURL('/organize');
	await expect(invitee.getByRole('heading', { level: 1 })).toHaveText('Đoàn Thanh niên xã Mỹ Hiệp');
	await shot(invitee, 'organize-vi');

	const again = await (await browser.newContext()).newPage();
	const response = await again.goto(link);
	expect(response?.status()).toBe(410);
	await expect(again.getByText('Lời mời này đã được sử dụng.')).toBeVisible();

	await page.goto('/admin/audit');
	for (const action of ['organization.created', 'invite.created', 'invite.accepted']) {
		await expect(page.getByText(action, { exact: true }).first()).toBeVisible();
	}
	await page.reload();
	await page.goto(`/admin/organizations`);
	await page.getByRole('link', { name: 'Đoàn Thanh niên xã Mỹ Hiệp' }).click();
	await expect(page.getByText('bi-thu-my-hiep')).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Đã dùng' })).toBeVisible();
});

test('failed sign-ins are limited per account with 429, and never tell whether a name exists', async ({
	page,
	baseURL,
	playwright
}) => {
	const owner = await playwright.request.newContext({ baseURL });
	const signup = await postForm(owner, baseURL!, '/account/signup', {
		username: 'target-of-guessing',
		password,
		confirm: password,
		next: '/'
	});
	expect(signup.status()).toBe(303);

	const ctx = await playwright.request.newContext({ baseURL });
	const wrong = (username: string) =>
		postForm(ctx, baseURL!, '/account/signin', { username, password: 'wrong password guess' });
	const unknown = await wrong('nobody-has-this-name');
	const known = await wrong('target-of-guessing');
	expect([unknown.status(), known.status()]).toEqual([400, 400]);
	const message = 'Tên đăng nhập hoặc mật khẩu không đúng.';
	expect(await unknown.text()).toContain(message);
	expect(await known.text()).toContain(message);

	const statuses = [];
	for (let i = 0; i < 5; i++) statuses.push((await wrong('target-of-guessing')).status());
	expect(statuses).toEqual([400, 400, 400, 400, 429]);
	const blocked = await postForm(ctx, baseURL!, '/account/signin', {
		username: 'target-of-guessing',
		password
	});
	expect(blocked.status()).toBe(429);
	expect(await blocked.text()).toMatch(
		/Bạn đã thử quá nhiều lần. Vui lòng đợi \d+ phút rồi thử lại./
	);

	// The limit is per account: another account from the same address still signs in.
	await signInOnPage(page, adminUsername, adminPassword);
	await expect(page).toHaveURL('/admin');
});

test('changing the password signs the account out on every other device', async ({
	browser,
	baseURL,
	playwright
}) => {
	const ctx = await playwright.request.newContext({ baseURL });
	expect(
		(
			await postForm(ctx, baseURL!, '/account/signup', {
				username: 'two-devices',
				password,
				confirm: password,
				next: '/'
			})
		).status()
	).toBe(303);
	const other = await playwright.request.newContext({ baseURL });
	expect(
		(
			await postForm(other, baseURL!, '/account/signin', { username: 'two-devices', password })
		).status()
	).toBe(303);
	expect((await other.get('/account', { maxRedirects: 0 })).status()).toBe(200);

	const page = await (await browser.newContext()).newPage();
	await page.goto('/account/signin');
	await page.getByLabel('Tên đăng nhập').fill('two-devices');
	await page.getByLabel('Mật khẩu').fill(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL('/');
	await page.goto('/account');
	await page.getByLabel('Mật khẩu hiện tại').fill(password);
	await page.getByLabel('Mật khẩu mới').fill('a brand new long sentence');
	await page.getByLabel('Nhập lại mật khẩu').fill('a brand new long sentence');
	await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
	await expect(page.getByText('Đã đổi mật khẩu. Các thiết bị khác đã bị đăng xuất.')).toBeVisible();
	await shot(page, 'account-vi');

	expect((await other.get('/account', { maxRedirects: 0 })).status()).toBe(303);
	expect((await ctx.get('/account', { maxRedirects: 0 })).status()).toBe(303);
	await page.goto('/account');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tài khoản');
});

test('a learner account deletes itself; its learning stays only as anonymous counts', async ({
	page
}) => {
	await onboard(page, 'Xã Tân Hồng');
	await page.goto(`/courses/${firstCourse.slug}/${lesson1!.slug}`);
	await page.getByRole('button', { name: 'Tôi đã đọc xong, làm bài kiểm tra' }).click();
	await expect(page).toHaveURL(/\/quiz$/);
	await page.goto('/account/signup');
	await page.getByLabel('Tên đăng nhập').fill('will-delete');
	await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
	await page.getByLabel('Nhập lại mật khẩu').fill(password);
	await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
	await expect(page).toHaveURL('/');
	const learnerOf =
		"SELECT l.id FROM learners l JOIN users u ON u.id = l.user_id WHERE u.username = 'will-delete'";
	const learnerId = String((await db.execute(learnerOf)).rows[0]?.[0]);
	expect(
		await scalar(
			"SELECT count(*) FROM learning_events WHERE type <> 'lesson_opened' AND learner_id = ?",
			[learnerId]
		)
	).toBe(1);
	const before = await scalar('SELECT count(*) FROM learning_events');

	await page.goto('/me');
	await page.getByLabel('Tôi hiểu và muốn xóa').check();
	await page.getByRole('button', { name: 'Xóa vĩnh viễn' }).click();
	await expect(page.getByText('Đã xóa toàn bộ dữ liệu của bạn.')).toBeVisible();
	expect(await scalar("SELECT count(*) FROM users WHERE username = 'will-delete'")).toBe(0);
	expect(await scalar('SELECT count(*) FROM learners WHERE id = ?', [learnerId])).toBe(0);
	expect(
		await scalar(
			"SELECT count(*) FROM learning_events WHERE type <> 'lesson_opened' AND learner_id = ?",
			[learnerId]
		)
	).toBe(0);
	// The activity is still counted, under an id nobody can link back to the person.
	expect(await scalar('SELECT count(*) FROM learning_events')).toBe(before);
	expect((await page.context().cookies()).some((c) => c.name === 'session')).toBe(false);
});
