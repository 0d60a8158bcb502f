import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressed } from './compress';

const page = '<!doctype html><p>' + 'Dừng lại – Kiểm tra – Báo cáo. '.repeat(200) + '</p>';
const request = (encoding = 'gzip, deflate, br') =>
	new Request('http://x/', { headers: { 'accept-encoding': encoding } });
const html = (body = page, headers: Record<string, string> = {}) =>
	new Response(body, {
		headers: {
			'content-type': 'text/html',
			'content-length': String(Buffer.byteLength(body)),
			...headers
		}
	});

describe('compressed', () => {
	it('gzips a page the browser accepts gzip for, and it decodes to the same text', async () => {
		const response = compressed(request(), html());
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('vary')).toContain('Accept-Encoding');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.length).toBeLessThan(Buffer.byteLength(page) / 3);
		expect(gunzipSync(bytes).toString('utf8')).toBe(page);
	});

	it('gzips JSON of the +json types too (the boundaries are application/geo+json)', () => {
		const geo = new Response(page, { headers: { 'content-type': 'application/geo+json' } });
		expect(compressed(request(), geo).headers.get('content-encoding')).toBe('gzip');
	});

	it('leaves alone small bodies, images, encoded responses and browsers without gzip', () => {
		const cases = [
			[request('br'), html()],
			[request(), html('<p>hi</p>')],
			[request(), new Response('x'.repeat(5000), { headers: { 'content-type': 'image/png' } })],
			[request(), html(page, { 'content-encoding': 'br' })]
		] as const;
		for (const [req, res] of cases) expect(compressed(req, res)).toBe(res);
	});
});
