import { expect, request, test, type APIResponse } from '@playwright/test';
import { postForm } from './identities';

const password = 'a test password for e2e';

/** `next` values that must never send anyone off the site, nor break the response (each decoded once). */
const nasty = [
	'/\t/evil.example',
	'//evil.example',
	'/\\evil.example',
	'/%5Cevil.example',
	'https://evil.example',
	'javascript:alert(1)',
	'/\n',
	'/\r\nSet-Cookie: x=1',
	'/%0d%0aSet-Cookie:x',
	`/${'a'.repeat(5000)}`
];

/** A 303 to a path of this site, as a browser would follow it (it drops tabs and newlines first). */
function expectSameSite(response: APIResponse, baseURL: string, what: string, path?: string) {
	expect(response.status(), what).toBe(303);
	const location = response.headers().location!;
	expect(location, what).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
	expect(new URL(location, baseURL).origin, what).toBe(new URL(baseURL).origin);
	if (path) expect(location, what).toBe(path);
}

test('start, sign-in, sign-up and the language switch only ever go back to a page of the site', async ({
	baseURL
}) => {
	const learner = await request.newContext({ baseURL });
	const started = await postForm(learner, baseURL!, '/start', {
		region: 'dong-thap-2026:29869',
		next: '/%09/evil.example'
	});
	expectSameSite(started, baseURL!, 'POST /start', '/');
	const username = `redirects-${Date.now()}`;
	const signedUp = await postForm(learner, baseURL!, '/account/signup', {
		username,
		password,
		confirm: password,
		next: '/\t/evil.example'
	});
	expectSameSite(signedUp, baseURL!, 'POST /account/signup', '/');

	for (const next of nasty) {
		const what = JSON.stringify(next.slice(0, 40));
		// A learner is sent on from /start at once.
		expectSameSite(
			await learner.get(`/start?next=${encodeURIComponent(next)}`, { maxRedirects: 0 }),
			baseURL!,
			`GET /start ${what}`,
			'/'
		);
		expectSameSite(
			await postForm(learner, baseURL!, '/language', { locale: 'vi', next }),
			baseURL!,
			`POST /language ${what}`,
			'/'
		);
		expectSameSite(
			await postForm(learner, baseURL!, '/account/signin', { username, password, next }),
			baseURL!,
			`POST /account/signin ${what}`,
			'/'
		);
		// A new visitor gets the form, carrying only a safe path back.
		const anonymous = await request.newContext({ baseURL });
		for (const page of ['/start', '/account/signin', '/account/signup']) {
			const response = await anonymous.get(`${page}?next=${encodeURIComponent(next)}`);
			expect(response.status(), `GET ${page} ${what}`).toBe(200);
			expect(await response.text(), `GET ${page} ${what}`).not.toMatch(/evil\.example|Set-Cookie/);
		}
		await anonymous.dispose();
	}
	await learner.dispose();
});

test('a next with a newline or Vietnamese letters answers a redirect, never a server error', async ({
	baseURL
}) => {
	const learner = await request.newContext({ baseURL });
	expect(
		(
			await postForm(learner, baseURL!, '/start', { region: 'dong-thap-2026:29869', next: '/' })
		).status()
	).toBe(303);
	// A newline at the end is trimmed by the Headers API; one inside cannot be sent at all (500 before).
	for (const query of ['/%0A', '/%0Ax', '/%0D%0ASet-Cookie:%20x=1']) {
		expectSameSite(
			await learner.get(`/start?next=${query}`, { maxRedirects: 0 }),
			baseURL!,
			`/start?next=${query}`,
			'/'
		);
	}
	expectSameSite(
		await learner.get(`/start?next=${encodeURIComponent('/khóa-học?q=Đồng Tháp')}`, {
			maxRedirects: 0
		}),
		baseURL!,
		'/start with Vietnamese letters',
		'/kh%C3%B3a-h%E1%BB%8Dc?q=%C4%90%E1%BB%93ng%20Th%C3%A1p'
	);
	const username = `redirects-vi-${Date.now()}`;
	expect(
		(
			await postForm(learner, baseURL!, '/account/signup', {
				username,
				password,
				confirm: password,
				next: '/'
			})
		).status()
	).toBe(303);
	for (const [next, location] of [
		['/khóa', '/kh%C3%B3a'],
		['/khóa-học', '/kh%C3%B3a-h%E1%BB%8Dc']
	] as const) {
		expectSameSite(
			await postForm(learner, baseURL!, '/account/signin', { username, password, next }),
			baseURL!,
			`sign-in with next ${next}`,
			location
		);
		expectSameSite(
			await postForm(learner, baseURL!, '/language', { locale: 'vi', next }),
			baseURL!,
			`language with next ${next}`,
			location
		);
	}
	await learner.dispose();
});
