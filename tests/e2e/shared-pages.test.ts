import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { adminPassword, adminUsername } from './accounts-fixture';
import { postForm, signIn } from './identities';
import { firstCourse, onboard } from './support';

const lesson1 = firstCourse.lessons[0]!;
const coursePath = `/courses/${firstCourse.slug}`;
const lessonPath = `${coursePath}/${lesson1.slug}`;
const sharedPaths = ['/', coursePath, lessonPath, `${lessonPath}/quiz`, `/en${lessonPath}`];
const doneLabel = `Đã học 1/${firstCourse.lessons.length} bài`;

/** A learner in their own browser, with a place of their own. */
async function learnerIn(browser: Browser, place: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await onboard(page, place);
	return { context, page };
}

async function bodies(request: APIRequestContext): Promise<Buffer[]> {
	const all: Buffer[] = [];
	for (const path of sharedPaths) {
		const response = await request.get(path);
		expect(response.status(), path).toBe(200);
		expect(response.headers()['set-cookie'], path).toBeUndefined();
		all.push(await response.body());
	}
	return all;
}

test('the pages everyone shares are byte for byte the same for two learners, a visitor and an admin', async ({
	browser,
	baseURL,
	request
}) => {
	const a = await learnerIn(browser, 'Xã Tháp Mười');
	const b = await learnerIn(browser, 'Xã Ba Sao');
	// A has read the first lesson (the form a browser without JavaScript posts); B has done nothing.
	const done = await postForm(a.page.request, baseURL!, '/api/forms/lesson-completed', {
		eventId: crypto.randomUUID(),
		course: firstCourse.slug,
		lesson: lesson1.slug
	});
	expect(done.status()).toBe(303);
	const admin = await signIn(baseURL!, adminUsername, adminPassword);

	const seen = await bodies(a.page.request);
	expect(await bodies(b.page.request)).toEqual(seen);
	expect(await bodies(request)).toEqual(seen);
	expect(await bodies(admin)).toEqual(seen);
	for (const html of seen.map(String)) {
		for (const personal of ['Tháp Mười', 'Ba Sao', adminUsername, 'Đã học 1/']) {
			expect(html).not.toContain(personal);
		}
	}

	// What is personal comes after loading: A sees the lesson read, B does not.
	await a.page.goto(coursePath);
	await expect(a.page.getByText(doneLabel)).toBeVisible();
	const bAnswer = b.page.waitForResponse((r) => r.url().endsWith('/api/me/progress'));
	await b.page.goto(coursePath);
	expect((await (await bAnswer).json()).progress).toEqual([]);
	await expect(b.page.getByRole('link', { name: 'Bắt đầu bài đầu tiên' })).toBeVisible();
	await expect(b.page.getByText(doneLabel)).toHaveCount(0);

	// Offline, the worker's copy of the page and the device's copy of the progress still say so.
	await a.page.waitForFunction(
		async () => (await navigator.serviceWorker.ready).active?.state === 'activated'
	);
	await a.page.reload();
	await a.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await expect(a.page.getByText(doneLabel)).toBeVisible();
	await a.context.setOffline(true);
	await a.page.reload();
	await expect(a.page.getByRole('heading', { level: 1 })).toHaveText(firstCourse.text.vi.title);
	await expect(a.page.getByText(doneLabel)).toBeVisible();

	await admin.dispose();
	await a.context.close();
	await b.context.close();
});

test('a kept lesson carries the security headers, an ETag per language, and answers 304', async ({
	request
}) => {
	const first = await request.get(lessonPath);
	const kept = await request.get(lessonPath);
	for (const response of [first, kept]) {
		const headers = response.headers();
		expect(headers).toMatchObject({
			'x-content-type-options': 'nosniff',
			'x-frame-options': 'DENY',
			'cross-origin-opener-policy': 'same-origin',
			'referrer-policy': 'strict-origin-when-cross-origin',
			'cache-control': 'public, max-age=300'
		});
		expect(headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
		expect(headers['permissions-policy']).toContain('camera=()');
		expect(headers['vary']).toContain('Accept-Encoding');
		expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
	}
	const etag = kept.headers()['etag']!;
	expect(etag).toMatch(/^W\/"[\w-]+"$/);
	expect(first.headers()['etag']).toBe(etag);

	const english = await request.get(`/en${lessonPath}`);
	expect(english.headers()['etag']).not.toBe(etag);
	await expect(english.text()).resolves.toContain('lang="en"');

	const unchanged = await request.get(lessonPath, { headers: { 'if-none-match': etag } });
	expect(unchanged.status()).toBe(304);
	expect((await unchanged.body()).length).toBe(0);
	expect(unchanged.headers()['etag']).toBe(etag);
	expect(unchanged.headers()['x-frame-options']).toBe('DENY');
	expect(unchanged.headers()['content-security-policy']).toBe(
		kept.headers()['content-security-policy']
	);
	const other = await request.get(lessonPath, {
		headers: { 'if-none-match': english.headers()['etag']! }
	});
	expect(other.status()).toBe(200);

	// What is personal is never kept by a cache.
	const me = await request.get('/api/me/progress');
	expect(me.headers()['cache-control']).toBe('private, no-store');
	expect(await me.json()).toEqual({ learner: null, user: null, progress: [] });
});
