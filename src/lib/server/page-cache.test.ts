import { gunzipSync } from 'node:zlib';
import type { RequestEvent } from '@sveltejs/kit';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearPageCache, fromPageCache, sharedPageKey } from './page-cache';

const lesson = '/courses/[course]/[lesson]';

function eventFor(path: string, init: RequestInit = {}, routeId: string | null = lesson) {
	const url = new URL(path, 'http://localhost');
	return { request: new Request(url, init), url, route: { id: routeId } } as RequestEvent;
}

function counting(response: () => Response) {
	const render = () => {
		render.calls += 1;
		return Promise.resolve(response());
	};
	render.calls = 0;
	return render;
}

const page = () =>
	new Response('<p>lesson</p>'.repeat(200), {
		headers: { 'content-type': 'text/html', 'content-security-policy': "script-src 'sha256-x'" }
	});

describe('the shared page cache', () => {
	beforeEach(clearPageCache);

	it('keys only GET and HEAD of a shared page without a query, by the address as sent', () => {
		expect(sharedPageKey(eventFor('/en/courses/a/b'))).toBe('/en/courses/a/b');
		expect(sharedPageKey(eventFor('/courses/a/b', { method: 'HEAD' }))).toBe('/courses/a/b');
		expect(sharedPageKey(eventFor('/courses/a/b?attempt=1'))).toBeNull();
		expect(sharedPageKey(eventFor('/courses/a/b', { method: 'POST' }))).toBeNull();
		expect(sharedPageKey(eventFor('/me', {}, '/me'))).toBeNull();
	});

	it('renders once, then answers everyone the same bytes with an ETag, gzipped when asked', async () => {
		const render = counting(page);
		const first = await fromPageCache(eventFor('/courses/a/b'), 'k', render);
		const second = await fromPageCache(
			eventFor('/courses/a/b', { headers: { 'accept-encoding': 'gzip, br' } }),
			'k',
			render
		);
		expect(render.calls).toBe(1);
		const plain = Buffer.from(await first.arrayBuffer());
		expect(plain.toString()).toBe(await page().text());
		expect(second.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await second.arrayBuffer())).equals(plain)).toBe(true);
		expect(first.headers.get('etag')).toMatch(/^W\/"/);
		expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
		expect(first.headers.get('cache-control')).toBe('public, max-age=300');
		expect(first.headers.get('vary')).toContain('Accept-Encoding');
		expect(first.headers.get('content-security-policy')).toBe("script-src 'sha256-x'");
	});

	it('answers 304 without a body when the browser has the same page', async () => {
		const render = counting(page);
		const etag = (await fromPageCache(eventFor('/x'), 'k', render)).headers.get('etag')!;
		const again = await fromPageCache(
			eventFor('/x', { headers: { 'if-none-match': `"other", ${etag}` } }),
			'k',
			render
		);
		expect(again.status).toBe(304);
		expect(again.body).toBeNull();
		expect(again.headers.get('etag')).toBe(etag);
		const changed = await fromPageCache(
			eventFor('/x', { headers: { 'if-none-match': '"other"' } }),
			'k',
			render
		);
		expect(changed.status).toBe(200);
	});

	it('keeps no error, no redirect, nothing that sets a cookie, and no HEAD render', async () => {
		for (const response of [
			() => new Response('gone', { status: 404 }),
			() => new Response(null, { status: 303, headers: { location: '/start' } }),
			() => new Response('hi', { headers: { 'set-cookie': 'a=b' } })
		]) {
			const render = counting(response);
			await fromPageCache(eventFor('/x'), 'k', render);
			await fromPageCache(eventFor('/x'), 'k', render);
			expect(render.calls).toBe(2);
		}
		const render = counting(page);
		await fromPageCache(eventFor('/x', { method: 'HEAD' }), 'h', render);
		await fromPageCache(eventFor('/x'), 'h', render);
		expect(render.calls).toBe(2);
	});

	it('lets requests that arrive during the first render wait for it', async () => {
		const render = counting(page);
		const all = await Promise.all(
			[1, 2, 3].map(() => fromPageCache(eventFor('/x'), 'k', render).then((r) => r.text()))
		);
		expect(render.calls).toBe(1);
		expect(new Set(all).size).toBe(1);
	});
});
