import { expect, request, test } from '@playwright/test';
import { adminPassword, adminUsername } from './accounts-fixture';
import { postForm, signIn } from './identities';
import { presentProvince } from '../../src/lib/server/dashboard/present.ts';
import { secondStep, signInOnPage } from './two-factor-steps';
import { db, firstCourse, joinedBefore, scalar, shot } from './support';

const region = 'dong-thap-2026:30214';
const lesson = firstCourse.lessons[0]!;
const right = Object.fromEntries(lesson.quiz.questions.map((q) => [q.id, q.correct]));

/** A resident who picks Lai Vung and learns through the event API (as the offline outbox will). */
async function resident(baseURL: string, passes: boolean, daysAgo: number) {
	const ctx = await request.newContext({ baseURL });
	expect((await postForm(ctx, baseURL, '/start', { region, next: '/' })).status()).toBe(303);
	const occurredAt = Date.now() - daysAgo * 86_400_000;
	// They learned over the past months, so they joined before (no event is older than its learner).
	await joinedBefore(db, ctx, occurredAt - 300_000);
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
	// What the reached and skilled columns should show: recounted from raw rows for every unit, former
	// district and the province, put through the published rule (presentProvince: other tests leave
	// small counts elsewhere, and a cell hidden anywhere takes others with it).
	const day = beforeToday.replace('occurred_at', 'e.occurred_at');
	const people = (where: string) =>
		`SELECT count(DISTINCT e.learner_id) FROM learning_events e JOIN regions u ON u.id = e.region_id
			WHERE e.type IN ('lesson_completed', 'quiz_submitted') AND ${day} AND ${where}`;
	const passers = (where: string) =>
		`SELECT count(DISTINCT a.learner_id) FROM quiz_attempts a JOIN learning_events e ON e.id = a.id
			JOIN regions u ON u.id = e.region_id WHERE a.passed = 1 AND ${day} AND ${where}`;
	const both = (where: string) => `(${people(where)}), (${passers(where)})`;
	const units = await db.execute(
		`SELECT r.id, r.district_code, ${both('u.id = r.id')} FROM regions r
			WHERE r.set_code = 'dong-thap-2026' OR r.id IN (SELECT region_id FROM learning_events)`
	);
	const districts = await db.execute(
		`SELECT DISTINCT r.code, ${both('u.district_code = r.code')} FROM regions r
			JOIN region_sets s ON s.code = r.set_code WHERE s.level = 'district'`
	);
	const area = (id: unknown, reachedIn: unknown, skilledIn: unknown) => ({
		id: String(id),
		name: String(id),
		reached: Number(reachedIn),
		skilled: Number(skilledIn),
		inPersonVerified: 0,
		selfReported: 0,
		baseline: null
	});
	const [provinceRow] = (await db.execute(`SELECT ${both('1')}`)).rows;
	const rule = presentProvince(
		area('province', provinceRow![0], provinceRow![1]),
		districts.rows.map((r) => ({ ...area(`district:${r[0]}`, r[1], r[2]), code: String(r[0]) })),
		units.rows.map((r) => ({ ...area(r[0], r[2], r[3]), district: String(r[1]) }))
	);
	const expected = rule.units.find((u) => u.id === region)!;
	const laiVung = rule.districts.find((d) => d.id === 'district:876')!.reached;
	const hidden = 'ẩn (ít người)';
	const shown = (v: number | null) => (v === null ? hidden : String(v));
	const skilled = shown(expected.skilled);
	const shownReached = expected.reached;
	expect([null, reached]).toContain(shownReached);

	await signInOnPage(page, adminUsername, adminPassword);
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
	await expect(cells.nth(0)).toHaveText(shown(shownReached === null ? null : reached));
	await expect(cells.nth(1)).toHaveText(skilled);
	await expect(cells.nth(5)).toContainText('100');
	await expect(cells.nth(5)).toContainText('số liệu mẫu');
	if (shownReached !== null) {
		await expect(cells.nth(2)).toHaveText(`${reached}%`);
		await expect(cells.nth(3)).toHaveText(String(90 - reached));
	}
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
	if (shownReached !== null) {
		await expect(tanDuong).toHaveAttribute('aria-label', `Xã Tân Dương: ${reached}%`);
		await expect(tanDuong).not.toHaveAttribute('data-colour', 'none');
	}
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
	).toHaveText(shown(laiVung));
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

	// The annual report of the former district (tests/e2e/annual-report.test.ts checks it in full).
	await page.goto('/dashboard/report?area=district:876');
	const title = page.getByRole('heading', { level: 1 });
	await expect(title).toContainText(`năm ${new Date().getFullYear()}`);
	await expect(title).toContainText('huyện Lai Vung cũ');
	await shot(page, 'report-vi');
	await page.goto('/dashboard');

	const csv = await page.request.get('/dashboard/export?table=districts');
	const text = (await csv.text()).replace(/^\uFEFF/, '');
	const line = text.split('\r\n').find((l) => l.startsWith('Xã Tân Dương'))!;
	expect(line.split(',').slice(0, 9)).toEqual([
		'Xã Tân Dương',
		shownReached === null ? '' : String(reached),
		expected.skilled === null ? '' : String(expected.skilled),
		'0',
		'0',
		'100',
		String(new Date().getFullYear()),
		'số liệu mẫu',
		shownReached === null ? '' : String(reached)
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
	const username = `lai-vung-${Date.now()}`;
	const created = await postForm(staff, baseURL!, `${link}?/create`, {
		username,
		password: 'district analyst pw',
		confirm: 'district analyst pw'
	});
	expect(created.status()).toBe(303);
	await secondStep(staff, baseURL!, username, created.headers().location!);
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
	const lines = csv.split('\r\n').filter(Boolean);
	expect(lines).toHaveLength(5);
	// Its communes show exactly what the province's file shows of them: hidden together, not apart.
	const province = await (await admin.get('/dashboard/export?table=districts')).text();
	for (const line of lines.slice(2)) expect(province.split('\r\n')).toContain(line);
});
