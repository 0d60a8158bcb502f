import { expect, test, type APIRequestContext } from '@playwright/test';
import { adminPassword, adminUsername } from './accounts-fixture';
import { makeCampaign, makeOrganizer, signIn } from './identities';
import { catalogue, db, firstCourse, learnerIdOf, onboard, scalar } from './support';

const lesson = firstCourse.lessons[0]!;
/** Where a quiz page's form posts without JavaScript; the page names its lesson in hidden fields. */
const quizUrl = '/api/forms/quiz-submitted';
const rightAnswers = {
	course: firstCourse.slug,
	lesson: lesson.slug,
	...Object.fromEntries(lesson.quiz.questions.map((q) => [`q.${q.id}`, q.correct[0]!]))
};

/** Posts a form as a browser without JavaScript does (an HTML answer, the HTTP status is the verdict). */
async function postForm(
	request: APIRequestContext,
	baseURL: string,
	url: string,
	form: Record<string, string>
) {
	return request.post(url, {
		form,
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
}

test('malformed or forged quiz submissions are rejected with 400 and record nothing', async ({
	page,
	baseURL
}) => {
	await onboard(page, 'Xã Phú Hựu');
	const cookie = (await page.context().cookies()).find((c) => c.name === 'learner')!;
	const learnerId = await learnerIdOf(cookie.value);
	const request = page.request;
	const id = () => crypto.randomUUID();

	// [what, url, form, status of the no-JavaScript HTML answer]
	const cases: [string, string, Record<string, string>, number?][] = [
		['an unknown question', quizUrl, { eventId: id(), ...rightAnswers, 'q.forged-question': 'a' }],
		['a score sent by the client', quizUrl, { eventId: id(), ...rightAnswers, score: '100' }],
		[
			'a passed flag sent by the client',
			quizUrl,
			{ eventId: id(), ...rightAnswers, passed: 'true' }
		],
		[
			'an option that does not exist',
			quizUrl,
			{
				eventId: id(),
				course: firstCourse.slug,
				lesson: lesson.slug,
				[`q.${lesson.quiz.questions[0]!.id}`]: 'z'
			}
		],
		// No such lesson: not found.
		[
			'a lesson under the wrong course',
			quizUrl,
			{ eventId: id(), ...rightAnswers, course: catalogue.courses[1]!.slug },
			404
		],
		['a missing event id', quizUrl, { ...rightAnswers }],
		['a malformed event id', quizUrl, { eventId: "1' OR '1'='1", ...rightAnswers }]
	];
	for (const [name, url, form, status = 400] of cases) {
		const response = await postForm(request, baseURL!, url, form);
		expect(response.status(), name).toBe(status);
		expect(await response.text(), name).toMatch(/không|biểu mẫu/i);
	}

	const api = async (events: unknown[]) =>
		request.post('/api/events', { data: { events }, headers: { origin: baseURL! } });
	const base = {
		id: id(),
		type: 'quiz_submitted',
		course: firstCourse.slug,
		lesson: lesson.slug,
		occurredAt: Date.now()
	};
	const answers = Object.fromEntries(lesson.quiz.questions.map((q) => [q.id, q.correct]));
	const forged = await api([
		{ ...base, answers, score: 4 },
		{ ...base, id: id(), answers: { ...answers, forged: ['a'] } },
		{ ...base, id: id(), course: 'no-such-course', answers },
		{ ...base, id: id(), answers, occurredAt: Date.now() + 86_400_000 }
	]);
	expect(forged.status()).toBe(400);
	expect((await forged.json()).results.map((r: { error: string }) => r.error)).toEqual([
		'invalid',
		'unknown-question',
		'unknown-course',
		'invalid'
	]);
	expect((await api([])).status()).toBe(400);
	expect(
		(
			await request.post('/api/events', {
				data: 'not json',
				headers: { origin: baseURL!, 'content-type': 'application/json' }
			})
		).status()
	).toBe(400);

	expect(
		await scalar(
			"SELECT count(*) FROM learning_events WHERE type <> 'lesson_opened' AND learner_id = ?",
			[learnerId]
		)
	).toBe(0);
	expect(await scalar('SELECT count(*) FROM quiz_attempts WHERE learner_id = ?', [learnerId])).toBe(
		0
	);
	expect(
		await scalar('SELECT count(*) FROM lesson_progress WHERE learner_id = ?', [learnerId])
	).toBe(0);

	// The genuine submission still works afterwards, and a resend of it is stored once.
	const genuine = { eventId: id(), ...rightAnswers };
	expect((await postForm(request, baseURL!, quizUrl, genuine)).status()).toBe(303);
	expect((await postForm(request, baseURL!, quizUrl, genuine)).status()).toBe(303);
	expect(await scalar('SELECT count(*) FROM quiz_attempts WHERE learner_id = ?', [learnerId])).toBe(
		1
	);
});

test('the event API needs a learner, and a batch keeps its good events when one is bad', async ({
	page,
	baseURL,
	playwright
}) => {
	const anonymous = await playwright.request.newContext({ baseURL });
	const refused = await anonymous.post('/api/events', { data: { events: [{}] } });
	expect(refused.status()).toBe(401);
	expect((await refused.json()).message).toBe('Hãy chọn địa phương của bạn trước khi học.');
	await anonymous.dispose();

	await onboard(page, 'Xã Lấp Vò');
	const good = {
		id: crypto.randomUUID(),
		type: 'lesson_completed',
		course: firstCourse.slug,
		lesson: firstCourse.lessons[1]!.slug,
		occurredAt: new Date(Date.now() - 60_000).toISOString()
	};
	const bad = { ...good, id: crypto.randomUUID(), lesson: 'nope' };
	const response = await page.request.post('/api/events', { data: { events: [good, bad, good] } });
	expect(response.status()).toBe(200);
	expect((await response.json()).results.map((r: { status: string }) => r.status)).toEqual([
		'created',
		'rejected',
		'duplicate'
	]);
	expect(await scalar('SELECT count(*) FROM learning_events WHERE id = ?', [good.id])).toBe(1);
	expect(await scalar('SELECT count(*) FROM learning_events WHERE id = ?', [bad.id])).toBe(0);
});

test('the start form refuses a district that is not in the region set', async ({
	page,
	baseURL
}) => {
	const response = await page.request.post('/start', {
		form: { region: 'dong-thap-2026:99999', next: '/' },
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status()).toBe(400);
	expect(await response.text()).toContain('Vui lòng chọn xã, phường nơi bạn sống.');
	expect((await page.context().cookies()).some((c) => c.name === 'learner')).toBe(false);
});

test('titles, names and places with hidden characters are refused with 400, and nothing is stored', async ({
	baseURL
}) => {
	const { orgId, organizer } = await makeOrganizer(baseURL!, 'hidden-text');
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(
		new Date()
	);
	const campaign = {
		courses: firstCourse.slug,
		regions: 'dong-thap-2026:30037',
		audience: '',
		targetSize: '100',
		startsOn: today,
		endsOn: today
	};
	const send = (url: string, fields: Record<string, string>) =>
		organizer.post(url, {
			multipart: fields,
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});
	const hidden = 'Nội dung có ký tự điều khiển hoặc ký tự đổi chiều chữ bị ẩn';
	const invisible = 'Nội dung chỉ gồm ký tự vô hình';
	const campaignsOf = () =>
		scalar('SELECT count(*) FROM campaigns WHERE organization_id = ?', [orgId]);

	for (const [title, message] of [
		['Hồ sơ học viên \u202Egnp.exe', hidden],
		['Chiến dịch\u0000tháng 12', hidden],
		['Chiến dịch\u2066tháng 12\u2069', hidden],
		['\u200B\u200B\u200B\u200B', invisible]
	] as const) {
		const response = await send('/organize/campaigns/new', { ...campaign, title });
		expect(response.status(), JSON.stringify(title)).toBe(400);
		expect(await response.text(), JSON.stringify(title)).toContain(message);
	}
	expect(await campaignsOf()).toBe(0);

	const id = await makeCampaign(organizer, baseURL!, firstCourse.slug, 'Chiến dịch chữ thật');
	const edited = await send(`/organize/campaigns/${id}/edit`, {
		...campaign,
		title: 'Chiến dịch \u202Etxt.exe'
	});
	expect(edited.status()).toBe(400);
	expect(await edited.text()).toContain(hidden);
	const stored = await db.execute({ sql: 'SELECT title FROM campaigns WHERE id = ?', args: [id] });
	expect(stored.rows[0]?.[0]).toBe('Chiến dịch chữ thật');

	const session = await send('/organize/sessions/new', {
		heldOn: today,
		place: 'Hội trường \u202Exã',
		region: 'dong-thap-2026:30037',
		topic: 'Lừa đảo qua mạng',
		campaign: '',
		selfReported: '20'
	});
	expect(session.status()).toBe(400);
	expect(await session.text()).toContain(hidden);
	expect(
		await scalar("SELECT count(*) FROM in_person_sessions WHERE place LIKE 'Hội trường %xã'")
	).toBe(0);

	const admin = await signIn(baseURL!, adminUsername, adminPassword);
	const organization = await postForm(admin, baseURL!, '/admin/organizations?/create', {
		name: 'Trường THPT \u202EA',
		type: 'school',
		region: 'dong-thap-2026:29869'
	});
	expect(organization.status()).toBe(400);
	expect(await organization.text()).toContain(hidden);
	expect(await scalar("SELECT count(*) FROM organizations WHERE name LIKE 'Trường THPT %A'")).toBe(
		0
	);
});
