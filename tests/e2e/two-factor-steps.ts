/**
 * Two-step verification as the e2e tests go through it: in the browser (typing the code, or enrolling
 * on the page), or with an API request context. Codes come from tests/authenticator.ts.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { run } from '../process';
import {
	afterPassword,
	codeAt,
	nextCode,
	remember,
	stepNow,
	type FormClient
} from '../authenticator';
import { databaseUrl } from './support';

/** A wait for the next time step lengthens the running test's timeout by as much. */
export function lengthenTimeout(ms: number): void {
	try {
		test.info().setTimeout(test.info().timeout + ms);
	} catch {
		// Outside a test (a global setup): nothing to lengthen.
	}
}

/** An API request context as the sign-in helpers' client: posts like a browser without JavaScript. */
export function formClient(ctx: APIRequestContext, baseURL: string): FormClient {
	return {
		post: async (path, form) => {
			const response = await ctx.post(path, {
				form,
				headers: { origin: baseURL, accept: 'text/html' },
				maxRedirects: 0
			});
			return {
				status: response.status(),
				location: response.headers().location ?? '',
				text: await response.text()
			};
		},
		get: async (path) => (await ctx.get(path)).text()
	};
}

/** The second step of a sign-in (or enrolment) after a password step that answered `location`. */
export function secondStep(
	ctx: APIRequestContext,
	baseURL: string,
	username: string,
	location: string
): Promise<string> {
	return afterPassword(formClient(ctx, baseURL), baseURL, username, location, lengthenTimeout);
}

/** Turns two-step verification on through the page, as a person does; keeps the secret and codes. */
export async function enrolOnPage(page: Page, username: string): Promise<string[]> {
	const origin = new URL(page.url()).origin;
	const start = page.getByRole('button', { name: 'Bật xác thực hai bước' });
	// Started already (a code was refused): the same secret is still on the page.
	if (await start.isVisible()) await start.click();
	await expect(page.getByRole('img', { name: /Mã QR/ })).toBeVisible();
	const secret = (await page.locator('#totp-secret').textContent())!.trim();
	expect(secret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
	const step = stepNow();
	remember(origin, username, secret, [], step);
	await page.getByLabel('Mã xác thực 6 số').fill(codeAt(secret, step));
	await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
	const list = page.getByRole('region', { name: 'Mã dự phòng' }).getByRole('listitem');
	await expect(list).toHaveCount(10);
	const codes = await list.allTextContents();
	remember(origin, username, secret, codes, step);
	return codes;
}

/**
 * Signs in through the form in the browser, then types the code when the page asks for one, or
 * enrols when it sends the person to do so (and continues from the recovery codes).
 */
export async function signInOnPage(page: Page, username: string, password: string) {
	await passwordStep(page, username, password);
	await page.waitForURL((url) => url.pathname !== '/account/signin');
	const { origin, pathname } = new URL(page.url());
	if (pathname === '/account/signin/code') {
		await page
			.getByLabel('Mã xác thực 6 số')
			.fill(await nextCode(origin, username, lengthenTimeout));
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await page.waitForURL((url) => url.pathname !== '/account/signin/code');
	} else if (pathname === '/account/two-factor') {
		await enrolOnPage(page, username);
		await page.getByRole('link', { name: 'Tôi đã cất mã dự phòng, tiếp tục' }).click();
	}
}

/** A new admin on the e2e server, made by the documented command. */
export function newAdmin(username: string, password: string): string {
	run(
		'npm',
		['run', '-s', 'admin:create', '--', username],
		{ DATABASE_URL: databaseUrl },
		`${password}\n`
	);
	return username;
}

/** The password step in the browser (what follows is the caller's to check). */
export async function passwordStep(page: Page, username: string, password: string) {
	await page.goto('/account/signin');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

export async function signOutOnPage(page: Page) {
	await page.goto('/account');
	await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
	await expect(page).toHaveURL('/');
}
