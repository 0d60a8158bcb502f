import { readFileSync } from 'node:fs';
import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { GET } from './+server';

const get = async (set: string, headers: Record<string, string> = {}) =>
	GET({
		params: { set },
		request: new Request(`http://x/places/${set}/boundaries.json`, { headers })
	} as unknown as Parameters<typeof GET>[0]) as Promise<Response>;

describe('GET /places/[set]/boundaries.json', () => {
	it('serves the shipped file, cacheable for a day, with an ETag', async () => {
		const response = await get('dong-thap-2026');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('application/geo+json');
		expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
		expect(response.headers.get('etag')).toMatch(/^W\/"[\w-]{27}"$/);
		expect(await response.text()).toBe(
			readFileSync('content/regions/dong-thap-2026.geojson', 'utf8')
		);
	});

	it('answers 304 to its own ETag, weak or strong, alone or in a list', async () => {
		const etag = (await get('dong-thap-2026')).headers.get('etag')!;
		for (const sent of [etag, etag.slice(2), `"other", ${etag}`, '*']) {
			const response = await get('dong-thap-2026', { 'if-none-match': sent });
			expect(response.status, sent).toBe(304);
			expect(response.headers.get('etag')).toBe(etag);
			expect(await response.text()).toBe('');
		}
		expect((await get('dong-thap-2026', { 'if-none-match': '"other"' })).status).toBe(200);
		// Another set's tag is not this one's.
		const older = (await get('dong-thap-2022')).headers.get('etag')!;
		expect(older).not.toBe(etag);
		expect((await get('dong-thap-2026', { 'if-none-match': older })).status).toBe(200);
	});

	it('is 404 for a set that ships no boundaries', async () => {
		for (const set of ['nowhere', 'dong-thap-2026.geojson', '..']) {
			const thrown = await get(set).catch((e: unknown) => e);
			expect(isHttpError(thrown) && thrown.status, set).toBe(404);
		}
	});
});
