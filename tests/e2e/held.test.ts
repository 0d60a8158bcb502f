import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { adminPassword, adminUsername } from './accounts-fixture';
import { postForm, signIn } from './identities';
import { db, firstCourse, joinedBefore, learnerIdOf, scalar, shot } from './support';

/** A commune no other test learns in: what it counts is this test's. */
const region = 'dong-thap-2026:30055';
const name = 'Xã Mỹ Quí';
const lesson = firstCourse.lessons[0]!;

/** A learner whose lesson arrives through the API with no opening before it: held for review. */
async function unopened(baseURL: string): Promise<string> {
	const ctx = await request.newContext({ baseURL });
	expect((await postForm(ctx, baseURL, '/start', { region, next: '/' })).status()).toBe(303);
	const token = (await ctx.storageState()).cookies.find((c) => c.name === 'learner')!.value;
	const id = await learnerIdOf(token);
	await joinedBefore(db, ctx, Date.now() - 60_000);
	const events = [
		{
			id: crypto.randomUUID(),
			type: 'lesson_completed',
			course: firstCourse.slug,
			lesson: lesson.slug,
			occurredAt: Date.now() - 60_000
		}
	];
	expect((await ctx.post('/api/events', { data: { events } })).status()).toBe(200);
	await ctx.dispose();
	return id;
}

const counted = (learner: string) =>
	scalar(
		"SELECT count(*) FROM reach_firsts WHERE learner_id = ? AND area = 'province' AND dim = 'all' AND kind = 'reached'",
		[learner]
	);

async function decide(admin: APIRequestContext, baseURL: string, form: Record<string, string>) {
	return postForm(admin, baseURL, '/dashboard/held?/decide', form);
}

test('an analyst sees learning held for review beside the figure and releases it with a reason', async ({
	page,
	baseURL
}) => {
	const learner = await unopened(baseURL!);
	const group = String(
		(
			await db.execute({
				sql: 'SELECT hold_id FROM event_holds eh JOIN learning_events e ON e.id = eh.event_id WHERE e.learner_id = ?',
				args: [learner]
			})
		).rows[0]![0]
	);
	expect(await counted(learner)).toBe(0);

	const admin = await signIn(baseURL!, adminUsername, adminPassword);
	await page.context().addCookies((await admin.storageState()).cookies);
	await page.goto('/dashboard/held');
	const card = page.getByRole('listitem').filter({ hasText: name });
	await expect(card.getByRole('heading')).toHaveText(`Không có lượt mở bài · ${name}`);
	await expect(card).toContainText('Số người trong nhóm');
	await shot(page, 'held-vi-390');
	await page.setViewportSize({ width: 1366, height: 900 });
	await shot(page, 'held-vi-1366');

	// The server refuses a decision with no reason, with invisible text only, or of no known kind.
	const before = await scalar('SELECT count(*) FROM audit_log');
	for (const form of [
		{ id: group, decision: 'released', note: '' },
		{ id: group, decision: 'released', note: '\u200b\u200b\u200b\u200b' },
		{ id: group, decision: 'counted', note: 'a good reason' }
	])
		expect((await decide(admin, baseURL!, form)).status()).toBe(400);
	const gone = await decide(admin, baseURL!, {
		id: 'no/such/group',
		decision: 'rejected',
		note: 'x y z'
	});
	expect(gone.status()).toBe(404);
	expect(await gone.text()).toContain('Không tìm thấy nhóm này.');
	expect(await scalar('SELECT count(*) FROM audit_log')).toBe(before);

	await card.getByLabel('Lý do quyết định').fill('Lớp 9A học cùng nhau trên máy của trường');
	await card.getByRole('button', { name: 'Cho tính' }).click();
	await expect(page.getByRole('main').getByRole('status')).toHaveText(/Đã cho tính nhóm này/);
	await expect(page.getByRole('row').filter({ hasText: name })).toContainText('Đã cho tính');
	expect(await counted(learner)).toBe(1);
	const audit = await db.execute({
		sql: "SELECT detail FROM audit_log WHERE action = 'hold.released' AND target = ?",
		args: [group]
	});
	expect(String(audit.rows[0]![0])).toContain('Lớp 9A');

	const again = await decide(admin, baseURL!, {
		id: group,
		decision: 'rejected',
		note: 'changed my mind'
	});
	expect(again.status()).toBe(409);
	expect(await counted(learner)).toBe(1);
	await admin.dispose();
});

test('an analyst closes an ended year once, after confirming, and it stays closed', async ({
	page,
	baseURL
}) => {
	const admin = await signIn(baseURL!, adminUsername, adminPassword);
	const close = (form: Record<string, string>) =>
		postForm(admin, baseURL!, '/dashboard/periods?/close', form);
	expect((await close({ year: '2022' })).status()).toBe(400);
	const thisYear = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4);
	expect((await close({ year: thisYear, confirm: 'yes' })).status()).toBe(400);
	expect((await close({ year: 'nineteen', confirm: 'yes' })).status()).toBe(400);
	expect(await scalar('SELECT count(*) FROM periods')).toBe(0);

	await page.context().addCookies((await admin.storageState()).cookies);
	await page.goto('/dashboard/periods');
	await page.getByLabel('Năm', { exact: true }).selectOption('2022');
	await page.getByRole('button', { name: 'Chốt số liệu' }).click();
	// The browser asks for the confirmation first (required); ticked, the year closes.
	expect(await scalar('SELECT count(*) FROM periods')).toBe(0);
	await page.getByLabel(/Tôi xác nhận báo cáo năm này đã ban hành/).check();
	await page.getByRole('button', { name: 'Chốt số liệu' }).click();
	await expect(page.getByRole('main').getByRole('status')).toHaveText('Đã chốt số liệu năm 2022.');
	await expect(page.getByRole('row').filter({ hasText: '2022' })).toContainText('e2e-admin');
	await expect(page.getByLabel('Năm', { exact: true }).locator('option[value="2022"]')).toHaveCount(
		0
	);
	await shot(page, 'periods-vi-390');

	const twice = await close({ year: '2022', confirm: 'yes' });
	expect(twice.status()).toBe(409);
	expect(await twice.text()).toContain('Năm này đã được chốt.');
	expect(
		await scalar(
			"SELECT count(*) FROM audit_log WHERE action = 'period.closed' AND target = '2022'"
		)
	).toBe(1);
	await admin.dispose();
});
