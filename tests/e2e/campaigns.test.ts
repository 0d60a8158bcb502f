import { expect, test } from '@playwright/test';
import { makeCampaign, makeOrganizer } from './identities';
import { db, firstCourse, scalar, shot, choosePlace } from './support';

const lesson = firstCourse.lessons[0]!;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

test('an organizer runs a campaign: poster, a member joins by link and learns, results and CSV', async ({
	browser,
	baseURL
}) => {
	const { storageState } = await makeOrganizer(baseURL!, 'campaign-e2e');
	const organizer = await (await browser.newContext({ storageState })).newPage();
	await organizer.goto('/organize');
	await organizer.getByRole('link', { name: 'Tạo chiến dịch' }).click();

	// A bad form first: nothing is created and the reason is given.
	await organizer.getByLabel('Tên chiến dịch').fill('Tuần lễ an toàn mạng trường THPT Tháp Mười');
	await organizer.getByLabel(firstCourse.text.vi.title).check();
	// Communes are grouped by former district, each group folded until opened.
	await organizer.locator('summary', { hasText: 'Huyện Tháp Mười' }).click();
	await organizer.getByLabel('Xã Tháp Mười').check();
	await organizer.getByLabel('Số người dự kiến').fill('600');
	await organizer.getByLabel('Ngày bắt đầu').fill('2026-12-10');
	await organizer.getByLabel('Ngày kết thúc').fill('2026-12-01');
	await organizer.getByRole('button', { name: 'Tạo chiến dịch' }).click();
	await expect(organizer.getByText('Ngày kết thúc phải từ ngày bắt đầu trở đi.')).toBeVisible();
	expect(
		await scalar(
			"SELECT count(*) FROM campaigns WHERE title LIKE 'Tuần lễ an toàn mạng trường THPT%'"
		)
	).toBe(0);

	await organizer.getByLabel('Ngày bắt đầu').fill(today);
	await organizer.getByLabel('Ngày kết thúc').fill('2099-12-31');
	await organizer.getByRole('button', { name: 'Tạo chiến dịch' }).click();
	await expect(organizer.getByRole('heading', { level: 1 })).toHaveText(
		'Tuần lễ an toàn mạng trường THPT Tháp Mười'
	);
	const code = (await organizer.locator('strong.code').textContent())!.trim();
	expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
	const joinUrl = (await organizer.locator('.url code').textContent())!.trim();
	expect(joinUrl).toBe(`${baseURL}/join/${code}`);
	await shot(organizer, 'campaign-vi');

	await organizer.getByRole('link', { name: 'In áp phích' }).click();
	await expect(organizer.locator('.poster strong')).toHaveText(code);
	await expect(organizer.locator('.poster svg')).toBeVisible();
	await expect(organizer.locator('.poster')).toContainText(firstCourse.text.vi.title);
	await shot(organizer, 'poster-vi');
	await organizer.emulateMedia({ media: 'print' });
	await organizer.screenshot({ path: 'test-results/screenshots/poster-print.png', fullPage: true });
	const pdf = await organizer.pdf({
		format: 'A4',
		printBackground: true,
		path: 'test-results/screenshots/poster.pdf'
	});
	expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
	await organizer.emulateMedia({ media: 'screen' });

	// A poster for one commune carries it: a resident who scans it finds it chosen already.
	await organizer.goto(`${organizer.url().split('?')[0]}?place=dong-thap-2026:30037`);
	await expect(organizer.locator('.poster .for-place')).toHaveText('Xã Tháp Mười');
	const neighbour = await (await browser.newContext()).newPage();
	await neighbour.goto(`${joinUrl}?place=30037`);
	await expect(neighbour).toHaveURL(/\/start\?next=.*&place=30037/);
	await expect(neighbour.getByRole('group', { name: 'Bạn sống ở đâu?' })).toContainText(
		'Xã Tháp Mười'
	);
	await neighbour.context().close();
	await organizer.goBack();

	// A resident opens the link on a phone: picks a district, is in the campaign, learns a lesson.
	const phone = await (
		await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
	).newPage();
	await phone.goto(joinUrl);
	await expect(phone).toHaveURL(/\/start\?next=/);
	await choosePlace(phone, 'Xã Tháp Mười');
	await phone.getByRole('button', { name: 'Đồng ý và bắt đầu' }).click();
	await expect(phone.getByText('Bạn đã tham gia.', { exact: false })).toBeVisible();
	await shot(phone, 'join-vi');
	await phone.getByRole('link', { name: firstCourse.text.vi.title }).click();
	await phone.goto(`/courses/${firstCourse.slug}/${lesson.slug}`);
	await phone.getByRole('button', { name: 'Tôi đã đọc xong, làm bài kiểm tra' }).click();
	await expect(phone).toHaveURL(/\/quiz$/);

	await organizer.goBack();
	await organizer.reload();
	const figures = organizer.locator('dl.figures');
	await expect(figures.locator('div', { hasText: 'Đã tham gia' }).locator('dd')).toHaveText('1');
	await expect(
		figures.locator('div', { hasText: 'Đã học ít nhất một bài' }).locator('dd')
	).toHaveText('1');
	await expect(
		figures.locator('div', { hasText: 'Lượt hoàn thành bài học' }).locator('dd')
	).toHaveText('1');
	await expect(
		organizer.getByRole('row', { name: firstCourse.text.vi.title }).getByRole('cell')
	).toHaveText(['ẩn', 'ẩn', 'ẩn']);
	// The short word in a cell; the note under the tables says why.
	await expect(organizer.getByText('Dòng nào có dưới 10 người thì ẩn.')).toBeVisible();

	const csv = await organizer.request.get(`${organizer.url()}/export?table=summary`);
	expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
	const body = await csv.body();
	expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	expect(body.toString('utf8').slice(1).split('\r\n')).toEqual([
		'Chỉ số,Giá trị',
		'Đã tham gia,1',
		'Đã học ít nhất một bài,1',
		'Lượt hoàn thành bài học,1',
		'Lượt làm bài kiểm tra,0',
		'Tỉ lệ đạt,',
		'Số người dự kiến,600',
		''
	]);
	const courses = (
		await (await organizer.request.get(`${organizer.url()}/export?table=courses`)).text()
	).slice(1);
	// One learner on the course: the row is hidden, on the page as in the file.
	expect(courses.split('\r\n')[1]).toBe(`${firstCourse.text.vi.title},,,`);
	expect((await organizer.request.get(`${organizer.url()}/export?table=nope`)).status()).toBe(400);

	// Paused, the campaign explains itself to whoever opens the link, and stops counting.
	await organizer.getByRole('button', { name: 'Tạm dừng' }).click();
	await expect(organizer.locator('.pill').first()).toHaveText('Tạm dừng');
	const late = await (await browser.newContext()).newPage();
	await late.goto(joinUrl);
	await expect(late.getByText('Chiến dịch này đang tạm dừng.', { exact: false })).toBeVisible();
	await organizer.getByRole('button', { name: 'Kết thúc chiến dịch' }).click();
	await organizer.getByRole('button', { name: 'Có, kết thúc chiến dịch' }).click();
	await expect(organizer.locator('.pill').first()).toHaveText('Đã kết thúc');
	await late.reload();
	await expect(late.getByText('Chiến dịch này đã kết thúc.', { exact: false })).toBeVisible();
	expect(
		await scalar(
			'SELECT count(*) FROM campaign_members m JOIN campaigns c ON c.id = m.campaign_id WHERE c.join_code = ?',
			[code]
		)
	).toBe(1);
});

test('join codes: unknown codes explain themselves, and guessing is rate limited', async ({
	page
}) => {
	const response = await page.goto('/join/ABCDEFGH');
	expect(response?.status()).toBe(404);
	await expect(
		page.getByText('Không có chiến dịch nào với mã này. Hãy kiểm tra lại mã.')
	).toBeVisible();

	// 30 wrong codes per address (limits-fixture.ts); earlier tests may have spent a few.
	const statuses: number[] = [];
	for (let i = 0; i < 40 && statuses.at(-1) !== 429; i++) {
		const guess = `ZZZZZZ${'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[i % 32]}${'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[Math.floor(i / 32)]}`;
		statuses.push((await page.request.get(`/join/${guess}`)).status());
	}
	expect(statuses.at(-1)).toBe(429);
	expect(statuses.filter((s) => s === 404).length).toBeGreaterThanOrEqual(25);
	expect(await (await page.request.get('/join/ZZZZZZZZ')).text()).toContain(
		'Bạn đã nhập sai mã quá nhiều lần'
	);
	// Over the limit, a right code is refused too: a guesser cannot tell a hit from a miss.
	const campaign = await db.execute('SELECT join_code FROM campaigns LIMIT 1');
	const real = campaign.rows[0]?.[0];
	if (real) expect((await page.request.get(`/join/${real}`)).status()).toBe(429);
	// Leave the shared test address usable for the other tests.
	await db.execute("DELETE FROM rate_limits WHERE key LIKE 'joinMissesPerAddress:%'");
});

test('a closed campaign cannot be edited: no Edit link, and its edit page and form answer 409', async ({
	browser,
	baseURL
}) => {
	const { organizer, storageState } = await makeOrganizer(baseURL!, 'closed-e2e');
	const id = await makeCampaign(
		organizer,
		baseURL!,
		firstCourse.slug,
		'Chiến dịch đã chốt số liệu'
	);
	const page = await (await browser.newContext({ storageState })).newPage();
	await page.goto(`/organize/campaigns/${id}`);
	await expect(page.getByRole('link', { name: 'Sửa chiến dịch' })).toBeVisible();
	await page.getByRole('button', { name: 'Kết thúc chiến dịch' }).click();
	await page.getByRole('button', { name: 'Có, kết thúc chiến dịch' }).click();
	await expect(page.locator('.pill').first()).toHaveText('Đã kết thúc');
	const message = 'Chiến dịch này đã kết thúc: số liệu đã chốt nên không thể sửa nữa.';
	await expect(page.getByRole('link', { name: 'Sửa chiến dịch' })).toHaveCount(0);
	await expect(page.getByText(message)).toBeVisible();

	const edit = await page.goto(`/organize/campaigns/${id}/edit`);
	expect(edit?.status()).toBe(409);
	await expect(page.getByText(message)).toBeVisible();

	const fields = {
		title: 'Đổi tên sau khi kết thúc',
		courses: firstCourse.slug,
		regions: 'dong-thap-2026:30037',
		audience: '',
		targetSize: '5',
		startsOn: '2026-01-01',
		endsOn: '2099-12-31'
	};
	const posted = await organizer.post(`/organize/campaigns/${id}/edit`, {
		multipart: fields,
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(posted.status()).toBe(409);
	expect(await posted.text()).toContain(message);
	const enhanced = await organizer.post(`/organize/campaigns/${id}/edit`, {
		multipart: fields,
		headers: { origin: baseURL!, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	expect(enhanced.status()).toBe(409);
	expect(await enhanced.json()).toMatchObject({ type: 'error', error: { message } });
	const row = await db.execute({
		sql: 'SELECT title, target_size, starts_on, status FROM campaigns WHERE id = ?',
		args: [id]
	});
	expect(Array.from(row.rows[0]!)).toEqual(['Chiến dịch đã chốt số liệu', 100, today, 'closed']);
});
