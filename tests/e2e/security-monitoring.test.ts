import { readFileSync } from 'node:fs';
import { expect, request, test } from '@playwright/test';
import { secretOf } from '../authenticator';
import { adminPassword, adminUsername } from './accounts-fixture';
import { postForm, signIn } from './identities';
import { db } from './support';

/** Where playwright.config.ts has the server write its log. */
const serverLog = 'tests/.tmp/e2e-server.log';

test('/healthz answers ok from a real database query, uncached', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(await response.json()).toEqual({ status: 'ok' });
	expect(response.headers()['cache-control']).toBe('no-store');
});

test('the server log has access lines with route ids and no personal data', async ({ baseURL }) => {
	const tag = Date.now().toString(36);
	const username = `log-probe-${tag}`;
	const password = `log probe secret ${tag}`;
	const ctx = await request.newContext({ baseURL });
	const signedUp = await postForm(ctx, baseURL!, '/account/signup', {
		username,
		password,
		confirm: password,
		next: '/'
	});
	expect(signedUp.status()).toBe(303);
	const session = (await ctx.storageState()).cookies.find((c) => c.name === 'session')!.value;
	const wrong = await postForm(ctx, baseURL!, '/account/signin', {
		username,
		password: `${password} wrong`
	});
	expect([200, 303, 400]).toContain(wrong.status());
	const fresh = await request.newContext({ baseURL });
	expect(
		(await postForm(fresh, baseURL!, '/account/signin', { username, password })).status()
	).toBe(303);
	// The e2e admin has two-step verification on (enrolled by the helpers, now if not yet).
	await (await signIn(baseURL!, adminUsername, adminPassword)).dispose();
	const totpSecret = secretOf(baseURL!, adminUsername)!.replaceAll(' ', '');
	await fresh.get(`/join/LOGPROBE`);
	await fresh.get(`/invite/logprobetoken${tag}`);
	const marker = `log-marker-${tag}`;
	await fresh.get('/', { headers: { 'x-request-id': marker } });

	// The log is written asynchronously: wait for the last request's line.
	await expect.poll(() => readFileSync(serverLog, 'utf8').includes(marker)).toBe(true);
	const text = readFileSync(serverLog, 'utf8');
	const lines = text
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as Record<string, unknown>);
	expect(lines.find((l) => l.requestId === marker)).toMatchObject({
		level: 'info',
		method: 'GET',
		route: '/',
		status: 200
	});
	expect(lines.some((l) => l.route === '/account/signin' && l.method === 'POST')).toBe(true);
	expect(lines.some((l) => l.route === '/invite/[token]')).toBe(true);
	for (const secret of [
		username,
		password,
		session,
		'LOGPROBE',
		`logprobetoken${tag}`,
		adminUsername,
		adminPassword,
		totpSecret,
		'127.0.0.1'
	]) {
		expect(text, `the log must not contain ${secret}`).not.toContain(secret);
	}
	await ctx.dispose();
	await fresh.dispose();
	// The probe's wrong join code counted against the shared test address: leave it clean.
	await db.execute("DELETE FROM rate_limits WHERE key LIKE 'joinMissesPerAddress:%'");
});
