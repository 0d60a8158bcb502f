import { expect, request, test } from '@playwright/test';
import { adminPassword, adminUsername } from './accounts-fixture';
import { postForm, signIn } from './identities';
import { suppressColumn } from '../../src/lib/server/dashboard/metrics.ts';
import { db, firstCourse, learnerIdOf, scalar, shot } from './support';

const region = 'dong-thap-2026:30214';
const lesson = firstCourse.lessons[0]!;
const right = Object.fromEntries(lesson.quiz.questions.map((q) => [q.id, q.correct]));

/** A resident who picks Lai Vung and learns through the event API (as the offline outbox will). */
async function resident(baseURL: string, passes: boolean, daysAgo: number) {
	const ctx = await request.newContext({ baseURL });
	expect((await postForm(ctx, baseURL, '/start', { region, next: '/' })).status()).toBe(303);
	// They learned over the past months, so they joined before (no event is older than its learner).
	const token = (await ctx.storageState()).cookies.find((c) => c.name === 'learner')!.value;
	await db.execute({
		sql: 'UPDATE learners SET created_at = 0 WHERE id = ?',
		args: [await learnerIdOf(token)]
	});
	const occurredAt = Date.now() - daysAgo * 86_400_000;
	const events = [
		// Opened first, as the pages record it: a lesson finished with no opening is held for review.
		{
			id: crypto.randomUUID(),
			type: 'lesson_opened',
			course: firstCourse.slug,
			lesson: lesson.slug,
			occurredAt: occurredAt - 300_000
		},
		{
			id: crypto.randomUUID(),
			type: 'lesson_completed',
			course: firstCourse.slug,
			lesson: lesson.slug,
			occurredAt
		},
		...(passes
			? [
					{
						id: crypto.randomUUID(),
						type: 'quiz_submitted',
						course: firstCourse.slug,
						lesson: lesson.slug,
						occurredAt,
						answers: right
					}
				]
			: [])
	];
	expect((await ctx.post('/api/events', { data: { events } })).status()).toBe(200);
	await ctx.dispose();
}

test('the dashboard shows district figures from the rollups, equal to a recount, against the targets', async ({
	page,
	baseURL
}) => {
	// None learns today: the dashboard counts up to the end of yesterday (province time).
	for (let i = 0; i < 12; i++) await resident(baseURL!, i < 10, 1 + i * 20);
	const beforeToday = `date(occurred_at / 1000, 'unixepoch', '+7 hours') < date('now', '+7 hours')`;
	const reached = await scalar(
		`SELECT count(DISTINCT learner_id) FROM learning_events WHERE region_id = ? AND ${beforeToday}`,
		[region]
	);
	expect(reached).toBeGreaterThanOrEqual(12);
	// What the skilled column should show, recounted from raw rows for all 12 districts and put through
	// the published suppression rule (other tests leave small counts in other districts).
	const recount = await db.execute(
		`SELECT r.id, (SELECT count(DISTINCT a.learner_id) FROM quiz_attempts a JOIN learning_events e ON e.id = a.id
			WHERE e.region_id = r.id AND a.passed = 1 AND ${beforeToday.replace('occurred_at', 'e.occurred_at')})
			FROM regions r WHERE r.set_code = 'dong-thap-2026'`
	);
	const ids = recount.rows.map((r) => String(r[0]));
	const shownSkilled = suppressColumn(recount.rows.map((r) => Number(r[1])))[ids.indexOf(region)];
	const skilled = shownSkilled === null ? 'ẩn (ít người)' : String(shownSkilled);

	await page.goto('/account/signin');
	await page.getByLabel('Tên đăng nhập').fill(adminUsername);
	await page.getByLabel('Mật khẩu').fill(adminPassword);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL('/admin');

	await page.goto('/dashboard/baselines');
	await page.getByLabel('Địa bàn').selectOption({ label: 'Xã Tân Dương' });
	await page.getByLabel('Năm').fill(new Date().getFullYear().toString());
	await page.getByLabel('Số người dùng Internet ước tính').fill('100');
	await page.getByLabel('Nguồn số liệu').fill('Ước tính thử nghiệm cho kiểm thử');
	await page.getByLabel('Đây là số liệu mẫu, không phải số chính thức').check();
	await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
	await expect(page.getByText('Đã lưu.')).toBeVisible();

	// Every column is a desktop's: on a phone a unit is a card of its name, %, bar and gap.
	await page.setViewportSize({ width: 1366, height: 900 });
	await page.goto('/dashboard');
	const row = page.getByRole('row', { name: /Xã Tân Dương/ });
	const cells = row.getByRole('cell');
	await expect(cells.nth(0)).toHaveText(String(reached));
	await expect(cells.nth(1)).toHaveText(String(skilled));
	await expect(cells.nth(5)).toContainText('100');
	await expect(cells.nth(5)).toContainText('số liệu mẫu');
	await expect(cells.nth(2)).toHaveText(`${reached}%`);
	await expect(cells.nth(3)).toHaveText(String(90 - reached));
	// Areas with fewer than 10 learners show no number.
	await expect(
		page
			.getByRole('row', { name: /Xã Tam Nông/ })
			.getByRole('cell')
			.nth(0)
	).toHaveText(/^(0|ẩn \(ít người\))$/);
	await expect(page.getByRole('heading', { name: 'Toàn tỉnh' })).toBeVisible();
	// The map names Tân Dương by its figure, colours it, and hatches areas without a figure.
	const tanDuong = page.locator('.reach-map a[data-code="30214"]');
	await expect(tanDuong).toHaveAttribute('aria-label', `Xã Tân Dương: ${reached}%`);
	await expect(tanDuong).not.toHaveAttribute('data-colour', 'none');
	await expect(page.locator('.reach-map a[data-code="30010"]')).toHaveAttribute(
		'data-colour',
		'none'
	);
	await expect(page.locator('.reach-map svg a')).toHaveCount(102);
	// The same people by former district, comparable with the plan's 2022 districts.
	await page.getByRole('link', { name: 'Theo huyện cũ (so sánh với 2022)' }).click();
	await expect(
		page
			.getByRole('row', { name: /Huyện Lai Vung/ })
			.getByRole('cell')
			.nth(0)
	).toHaveText(String(reached));
	await page.getByRole('link', { name: 'Theo xã, phường' }).click();
	await shot(page, 'dashboard-vi');
	await page
		.locator('.reach-map')
		.screenshot({ path: 'test-results/screenshots/dashboard-map.png' });

	await page.getByRole('link', { name: 'Theo năm', exact: true }).click();
	await expect(page).toHaveURL(/period=year/);
	await page.locator('section[aria-labelledby="trend-heading"] summary').click();
	await expect(
		page.getByRole('rowheader', { name: String(new Date().getFullYear()), exact: true })
	).toBeVisible();

	// The annual report: same figures, definitions, date of extraction; prints on A4.
	await page.goto('/dashboard/report?area=district:876');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		`Báo cáo kết quả tiếp cận năm ${new Date().getFullYear()}`
	);
	await expect(page.locator('.scope')).toHaveText('Huyện Lai Vung');
	await expect(
		page.getByRole('row', { name: /Đã học \(trực tuyến\)/ }).getByRole('cell')
	).toHaveText(String(reached));
	await expect(page.getByRole('heading', { name: 'Cách tính số liệu' })).toBeVisible();
	await shot(page, 'report-vi');
	const pdf = await page.pdf({ format: 'A4', path: 'test-results/screenshots/report.pdf' });
	expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBeLessThanOrEqual(3);
	await page.goto('/dashboard');

	const csv = await page.request.get('/dashboard/export?table=districts');
	const text = (await csv.text()).replace(/^\uFEFF/, '');
	const line = text.split('\r\n').find((l) => l.startsWith('Xã Tân Dương'))!;
	expect(line.split(',').slice(0, 9)).toEqual([
		'Xã Tân Dương',
		String(reached),
		shownSkilled === null ? '' : String(shownSkilled),
		'0',
		'0',
		'100',
		String(new Date().getFullYear()),
		'số liệu mẫu',
		String(reached)
	]);
	expect((await page.request.get('/dashboard/export?table=nope')).status()).toBe(400);
});

test('district staff see only their own district, and cannot change baselines', async ({
	baseURL,
	browser
}) => {
	const admin = await signIn(baseURL!, adminUsername, adminPassword);
	// A former district's staff: their scope is the district and its units.
	const response = await admin.post('/admin/invites?/analyst', {
		form: { scope: 'district:876' },
		headers: { origin: baseURL!, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	const link = `/invite/${/\/invite\/([a-z2-7]+)/.exec(await response.text())![1]}`;
	const staff = await request.newContext({ baseURL });
	expect(
		(
			await postForm(staff, baseURL!, `${link}?/create`, {
				username: `lai-vung-${Date.now()}`,
				password: 'district analyst pw',
				confirm: 'district analyst pw'
			})
		).status()
	).toBe(303);
	const page = await (
		await browser.newContext({ storageState: await staff.storageState() })
	).newPage();
	await page.goto('/dashboard');
	await expect(page.getByRole('row', { name: /Xã Tân Dương/ })).toBeVisible();
	await expect(page.getByRole('row', { name: /Xã Tam Nông/ })).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Toàn tỉnh' })).toHaveCount(0);
	expect((await page.request.get('/dashboard/baselines', { maxRedirects: 0 })).status()).toBe(403);
	const csv = await (await page.request.get('/dashboard/export?table=districts')).text();
	// The header, the former district's own line and its three communes.
	expect(csv.split('\r\n').filter(Boolean)).toHaveLength(5);
});
