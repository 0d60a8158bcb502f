import { createHash } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { adminPassword, adminUsername } from './accounts-fixture';
import { makeCampaign, makeOrganizer, signIn } from './identities';
import { firstCourse, onboard } from './support';

const lesson = `/courses/${firstCourse.slug}/${firstCourse.lessons[0]!.slug}`;

/** Collects what Chromium reports about the page's Content-Security-Policy while it is open. */
function watchCsp(page: Page): string[] {
	const violations: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
	});
	page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
	return violations;
}

async function visitWithoutViolations(page: Page, paths: string[]): Promise<void> {
	const violations = watchCsp(page);
	for (const path of paths) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(200);
		await page.waitForLoadState('networkidle');
	}
	expect(violations).toEqual([]);
}

async function signedInPage(browser: Browser, baseURL: string, username: string, password: string) {
	const ctx = await signIn(baseURL, username, password);
	const context = await browser.newContext({ storageState: await ctx.storageState() });
	await ctx.dispose();
	return context.newPage();
}

test('pages carry a hash-based CSP without unsafe-inline scripts, and security headers', async ({
	request
}) => {
	const response = await request.get('/', { headers: { 'x-request-id': 'probe-request-0001' } });
	const headers = response.headers();
	const csp = headers['content-security-policy']!;
	const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
	expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval|nonce-/);
	// Each inline script of the page is allowed by its own hash, and only those.
	const html = await response.text();
	const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
		(m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`
	);
	expect(inline.length).toBeGreaterThan(0);
	expect(
		scriptSrc
			.split(' ')
			.filter((s) => s.startsWith("'sha256-"))
			.sort()
	).toEqual([...new Set(inline)].sort());
	for (const directive of [
		"default-src 'self'",
		"connect-src 'self'",
		"worker-src 'self'",
		"manifest-src 'self'",
		"frame-ancestors 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		"object-src 'none'",
		"style-src 'self'"
	]) {
		expect(csp).toContain(directive);
	}
	expect(headers).toMatchObject({
		'x-content-type-options': 'nosniff',
		'x-frame-options': 'DENY',
		'cross-origin-opener-policy': 'same-origin',
		'referrer-policy': 'strict-origin-when-cross-origin',
		'x-request-id': 'probe-request-0001'
	});
	expect(headers['permissions-policy']).toContain('camera=()');
	expect(headers['permissions-policy']).toContain('geolocation=(self)');
	expect(headers['permissions-policy']).not.toContain('geolocation=()');
	expect(headers).not.toHaveProperty('strict-transport-security');
	// The home page is the same for everyone (see shared-pages.test.ts): a shared cache may keep it.
	expect(headers['cache-control']).toBe('public, max-age=300');

	// The same policy on the page kept in memory, and a fresh request id when none was sent.
	const again = await request.get('/');
	expect(again.headers()['content-security-policy']).toBe(csp);
	expect(again.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

	const joinPage = await request.get('/join/ZZZZZZZZ');
	expect(joinPage.headers()['referrer-policy']).toBe('no-referrer');
	const signInPage = await request.get('/account/signin');
	expect(signInPage.headers()['cache-control']).toBe('private, no-store');
});

test('no CSP violation on the home page, a lesson and a quiz, and the service worker still runs', async ({
	page
}) => {
	const violations = watchCsp(page);
	await onboard(page, 'Xã Tháp Mười');
	await visitWithoutViolations(page, ['/', lesson, `${lesson}/quiz`]);
	await page.waitForFunction(
		async () => (await navigator.serviceWorker.ready).active?.state === 'activated'
	);
	expect(violations).toEqual([]);

	// The watch does see a violation: an injected inline script is refused and reported.
	await page.evaluate(() => {
		const script = document.createElement('script');
		script.textContent = 'window.injected = true';
		document.body.append(script);
	});
	await expect.poll(() => violations.join('\n')).toContain('script-src');
	expect(await page.evaluate(() => 'injected' in window)).toBe(false);
});

test('no CSP violation on the dashboard as admin, and staff pages are not cached', async ({
	browser,
	baseURL
}) => {
	const page = await signedInPage(browser, baseURL!, adminUsername, adminPassword);
	const response = await page.request.get('/dashboard');
	expect(response.headers()['cache-control']).toBe('private, no-store');
	await visitWithoutViolations(page, ['/dashboard', '/admin']);
	await page.context().close();
});

test('no CSP violation on a campaign poster with its QR code', async ({ browser, baseURL }) => {
	const { organizer, storageState } = await makeOrganizer(
		baseURL!,
		`csp-${Date.now().toString(36)}`
	);
	const campaign = await makeCampaign(organizer, baseURL!, 'online-scams', 'Chiến dịch CSP');
	const context = await browser.newContext({ storageState });
	const page = await context.newPage();
	await visitWithoutViolations(page, [`/organize/campaigns/${campaign}/poster`]);
	await expect(page.locator('.qr svg')).toBeVisible();
	await context.close();
});

test('cookies are httpOnly and SameSite=Lax (Secure is set over https only)', async ({
	page,
	baseURL
}) => {
	await onboard(page, 'Xã Tháp Mười');
	const learner = (await page.context().cookies()).find((c) => c.name === 'learner');
	expect(learner).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });

	const staff = await signIn(baseURL!, adminUsername, adminPassword);
	const session = (await staff.storageState()).cookies.find((c) => c.name === 'session');
	expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
	await staff.dispose();
});
