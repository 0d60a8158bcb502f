import { expect, request, test } from '@playwright/test';
import { checkinMarginDays } from '../../src/lib/server/campaigns/checkin-window.ts';
import { addDays } from '../../src/lib/server/dates.ts';
import { makeOrganizer, postForm } from './identities';
import { choosePlace, db, scalar, shot } from './support';

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

test('in-person session: a check-in is a POST in its window, typed attendance is bounded, never mixed', async ({
	browser,
	baseURL
}) => {
	const { storageState } = await makeOrganizer(baseURL!, 'session-e2e');
	const organizer = await (await browser.newContext({ storageState })).newPage();
	await organizer.goto('/organize/sessions/new');
	await organizer.getByLabel('Địa điểm').fill('Hội trường UBND xã Mỹ An');
	await organizer.getByLabel('Địa bàn').selectOption({ label: 'Xã Tháp Mười' });
	await organizer.getByLabel('Chủ đề').fill('Nhận diện cuộc gọi giả danh công an');
	await organizer.getByLabel('Sức chứa (số người)').fill('40');
	const stored = () =>
		scalar("SELECT count(*) FROM in_person_sessions WHERE place = 'Hội trường UBND xã Mỹ An'");

	// Refused at the form with the reason: a date in 2099, then a head count above the capacity.
	await organizer.getByLabel('Ngày tổ chức').fill('2099-06-01');
	await organizer.getByLabel('Số người dự (tự báo cáo)').fill('35');
	await organizer.getByRole('button', { name: 'Lưu buổi tuyên truyền' }).click();
	await expect(organizer.getByText('không được quá 60 ngày kể từ hôm nay')).toBeVisible();
	expect(await stored()).toBe(0);
	await organizer.getByLabel('Ngày tổ chức').fill(today);
	await organizer.getByLabel('Số người dự (tự báo cáo)').fill('80');
	await organizer.getByRole('button', { name: 'Lưu buổi tuyên truyền' }).click();
	await expect(
		organizer.getByText('Số người dự tự báo cáo (80) không thể lớn hơn sức chứa của địa điểm (40).')
	).toBeVisible();
	expect(await stored()).toBe(0);

	await organizer.getByLabel('Số người dự (tự báo cáo)').fill('35');
	await organizer.getByRole('button', { name: 'Lưu buổi tuyên truyền' }).click();
	await expect(organizer.getByRole('heading', { level: 1 })).toHaveText(
		'Nhận diện cuộc gọi giả danh công an'
	);
	await expect(organizer.getByTestId('verified')).toHaveText('0');
	await expect(organizer.getByTestId('self-reported')).toHaveText('35');
	await expect(organizer.getByTestId('capacity')).toHaveText('40');
	const checkinUrl = (await organizer.locator('.url code').textContent())!.trim();
	const id = organizer.url().split('/').pop()!;
	const checkedIn = () => scalar('SELECT count(*) FROM checkins WHERE session_id = ?', [id]);
	await shot(organizer, 'session-vi');
	const attendance = await organizer.request.post(`${organizer.url()}?/attendance`, {
		form: { selfReported: '41' },
		headers: { origin: baseURL!, accept: 'text/html' }
	});
	expect(attendance.status()).toBe(400);
	expect(await attendance.text()).toContain('không thể lớn hơn sức chứa');

	// Opening the link (after choosing a place) shows the session; only the button checks in.
	const phone = await (
		await browser.newContext({ viewport: { width: 390, height: 844 } })
	).newPage();
	await phone.goto(checkinUrl);
	await choosePlace(phone, 'Xã Tháp Mười');
	await phone.getByRole('button', { name: 'Đồng ý và bắt đầu' }).click();
	await expect(phone).toHaveURL(checkinUrl);
	await expect(phone.getByText('Hội trường UBND xã Mỹ An')).toBeVisible();
	expect(await checkedIn()).toBe(0);
	await shot(phone, 'checkin-vi');
	await phone.getByRole('button', { name: 'Điểm danh' }).click();
	await expect(phone.getByText('Đã điểm danh. Cảm ơn bạn đã tham dự!')).toBeVisible();
	expect(await checkedIn()).toBe(1);
	const again = await phone.request.post(checkinUrl, {
		form: {},
		headers: { origin: baseURL!, accept: 'text/html' }
	});
	expect(again.status()).toBe(200);
	expect(await again.text()).toContain('Bạn đã điểm danh buổi này rồi.');
	await phone.goto(checkinUrl);
	await expect(phone.getByText('Bạn đã điểm danh buổi này rồi.')).toBeVisible();
	await expect(phone.getByRole('button', { name: 'Điểm danh' })).toHaveCount(0);
	expect(await checkedIn()).toBe(1);

	await organizer.reload();
	await expect(organizer.getByTestId('verified')).toHaveText('1');
	await expect(organizer.getByTestId('self-reported')).toHaveText('35');
	const row = await db.execute({
		sql: 'SELECT self_reported, capacity FROM in_person_sessions WHERE id = ?',
		args: [id]
	});
	expect(Array.from(row.rows[0]!)).toEqual([35, 40]);

	// A session whose window closed (the day before yesterday, with the default margin of one day).
	const past = await postForm(organizer.request, baseURL!, '/organize/sessions/new', {
		heldOn: addDays(today, -1 - checkinMarginDays),
		place: 'Nhà văn hóa ấp 3',
		region: 'dong-thap-2026:30037',
		topic: 'Buổi đã qua',
		campaign: '',
		capacity: '1',
		selfReported: ''
	});
	expect(past.status()).toBe(303);
	const pastCode = await db.execute(
		"SELECT checkin_code FROM in_person_sessions WHERE place = 'Nhà văn hóa ấp 3'"
	);
	const pastUrl = `/checkin/${pastCode.rows[0]![0]}`;
	await phone.goto(pastUrl);
	await expect(phone.getByText('Buổi này đã hết hạn điểm danh')).toBeVisible();
	await expect(phone.getByRole('button', { name: 'Điểm danh' })).toHaveCount(0);
	const late = await phone.request.post(pastUrl, {
		form: {},
		headers: { origin: baseURL!, accept: 'text/html' }
	});
	expect(late.status()).toBe(409);
	expect(await late.text()).toContain('đã hết hạn điểm danh');
	expect(
		await scalar(
			"SELECT count(*) FROM checkins c JOIN in_person_sessions s ON s.id = c.session_id WHERE s.place = 'Nhà văn hóa ấp 3'"
		)
	).toBe(0);

	// People who check in above the capacity still count (each is verified), and the session is flagged.
	const small = await postForm(organizer.request, baseURL!, '/organize/sessions/new', {
		heldOn: today,
		place: 'Phòng họp ấp 5',
		region: 'dong-thap-2026:30037',
		topic: 'Buổi trong phòng nhỏ',
		campaign: '',
		capacity: '1',
		selfReported: ''
	});
	const smallPage = small.headers().location!;
	const smallCode = await db.execute(
		"SELECT checkin_code FROM in_person_sessions WHERE place = 'Phòng họp ấp 5'"
	);
	const neighbour = await request.newContext({ baseURL });
	expect(
		(
			await postForm(neighbour, baseURL!, '/start', { region: 'dong-thap-2026:30037', next: '/' })
		).status()
	).toBe(303);
	for (const who of [phone.request, neighbour]) {
		const posted = await postForm(who, baseURL!, `/checkin/${smallCode.rows[0]![0]}`, {});
		expect(posted.status()).toBe(200);
	}
	await organizer.goto(smallPage);
	await expect(organizer.getByTestId('verified')).toHaveText('2');
	await expect(organizer.getByTestId('over-capacity')).toContainText(
		'nhiều hơn sức chứa đã khai (1)'
	);
	await organizer.goto('/organize');
	await expect(
		organizer.getByRole('listitem').filter({ hasText: 'Buổi trong phòng nhỏ' })
	).toContainText('Điểm danh vượt sức chứa');
});
