import { request as httpRequest } from 'node:http';
import { expect, request, test } from '@playwright/test';
import { adminUsername } from './accounts-fixture';
import { e2eLimits } from './limits-fixture';
import { postForm } from './identities';
import { firstCourse, learnerIdOf, onboard, scalar } from './support';

const tooBig = 'x'.repeat(600 * 1024);

test('a cross-origin form post is refused with 403, and so is a cross-origin text/plain event post', async ({
	request
}) => {
	const form = await request.post('/account/signin', {
		form: { username: adminUsername, password: 'whatever' },
		headers: { origin: 'https://evil.example', accept: 'text/html' },
		maxRedirects: 0
	});
	expect(form.status()).toBe(403);
	const plain = await request.post('/api/events', {
		data: '{"events":[]}',
		headers: { origin: 'https://evil.example', 'content-type': 'text/plain' }
	});
	expect(plain.status()).toBe(403);
});

test('a body over the size limit gets 413 and changes nothing', async ({ page, baseURL }) => {
	await onboard(page, 'Xã Tháp Mười');
	const cookie = (await page.context().cookies()).find((c) => c.name === 'learner')!;
	const learnerId = await learnerIdOf(cookie.value);
	const event = {
		id: crypto.randomUUID(),
		type: 'lesson_completed',
		course: firstCourse.slug,
		lesson: firstCourse.lessons[0]!.slug,
		occurredAt: Date.now(),
		padding: tooBig
	};
	const events = await page.request.post('/api/events', {
		data: { events: [event] },
		headers: { origin: baseURL! }
	});
	expect(events.status()).toBe(413);
	expect(await scalar('SELECT count(*) FROM learning_events WHERE id = ?', [event.id])).toBe(0);
	expect(
		await scalar(
			"SELECT count(*) FROM learning_events WHERE type <> 'lesson_opened' AND learner_id = ?",
			[learnerId]
		)
	).toBe(0);

	const learnersBefore = await scalar('SELECT count(*) FROM learners');
	const anonymous = await request.newContext({ baseURL });
	const form = await postForm(anonymous, baseURL!, '/start', {
		region: 'dong-thap-2026:29869',
		next: '/',
		padding: tooBig
	});
	expect(form.status()).toBe(413);
	expect(await scalar('SELECT count(*) FROM learners')).toBe(learnersBefore);

	// Sent without a declared length (chunked), the adapter cuts it off while it is read: the error
	// page says so and shows the request id to quote.
	const chunked = await new Promise<{ status: number; body: string; id: string }>((done, fail) => {
		const url = new URL('/start', baseURL);
		const req = httpRequest(url, {
			method: 'POST',
			headers: {
				origin: baseURL!,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded',
				'transfer-encoding': 'chunked'
			}
		});
		req.on('response', (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () =>
				done({ status: res.statusCode ?? 0, body, id: String(res.headers['x-request-id']) })
			);
		});
		req.on('error', fail);
		req.end(`region=dong-thap-2022%3A866&padding=${tooBig}`);
	});
	expect(chunked.status).toBe(413);
	expect(chunked.body).toContain('Dữ liệu gửi lên quá lớn');
	expect(chunked.body).toContain(chunked.id);
	expect(await scalar('SELECT count(*) FROM learners')).toBe(learnersBefore);
	await anonymous.dispose();
});

test('the event endpoint answers 429 with Retry-After past the per-learner limit', async ({
	page,
	baseURL
}) => {
	await onboard(page, 'Xã Tháp Mười');
	const post = () =>
		page.request.post('/api/events', { data: { events: [] }, headers: { origin: baseURL! } });
	// The e2e server's per-learner limit (limits-fixture.ts); an empty batch is refused as input (400)
	// but still counts.
	const [max, seconds] = e2eLimits.eventsPerLearner;
	const statuses: number[] = [];
	for (let i = 0; i < max; i++) statuses.push((await post()).status());
	expect(statuses.filter((s) => s === 429)).toEqual([]);
	const refused = await post();
	expect(refused.status()).toBe(429);
	expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
	expect(Number(refused.headers()['retry-after'])).toBeLessThanOrEqual(seconds);
	expect((await refused.json()).message).toContain('quá nhanh');
});
