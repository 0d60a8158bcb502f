import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { badRequestHandle } from './bad-requests';

function run(url: string, init?: RequestInit) {
	const resolve = vi.fn(() => new Response('resolved'));
	const event = {
		url: new URL(url),
		request: new Request(url, init),
		locals: { t: (key: string) => key }
	} as unknown as RequestEvent;
	return { resolve, response: badRequestHandle({ event, resolve }) };
}

describe('badRequestHandle', () => {
	it('answers 400 to a path that cannot be decoded, before any later handle can throw', async () => {
		const { resolve, response } = run('http://x.test/dashboard/report%');
		expect((await response).status).toBe(400);
		expect(resolve).not.toHaveBeenCalled();
	});

	it('answers 400 to a form post whose body cannot be read as a form', async () => {
		for (const type of ['text/plain', 'multipart/form-data; boundary=x']) {
			const { resolve, response } = run('http://x.test/start', {
				method: 'POST',
				body: 'region=1',
				headers: { 'content-type': type }
			});
			expect((await response).status).toBe(400);
			expect(resolve).not.toHaveBeenCalled();
		}
	});

	it('lets readable forms, endpoints under /api and plain reads through', async () => {
		const form = run('http://x.test/start', {
			method: 'POST',
			body: new URLSearchParams({ region: '1' })
		});
		const api = run('http://x.test/api/events', {
			method: 'POST',
			body: '{}',
			headers: { 'content-type': 'text/plain' }
		});
		const read = run('http://x.test/courses/a%20b');
		for (const { resolve, response } of [form, api, read]) {
			expect(await (await response).text()).toBe('resolved');
			expect(resolve).toHaveBeenCalledOnce();
		}
	});
});
