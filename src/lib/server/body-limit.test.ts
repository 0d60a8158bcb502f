import { describe, expect, it } from 'vitest';
import { bodySizeLimit, declaresTooLargeBody } from './body-limit';

describe('body size limit', () => {
	it('reads BODY_SIZE_LIMIT the way adapter-node does', () => {
		expect(bodySizeLimit('512K')).toBe(524_288);
		expect(bodySizeLimit('2m')).toBe(2 * 1024 * 1024);
		expect(bodySizeLimit('1000')).toBe(1000);
		expect(bodySizeLimit('Infinity')).toBe(Infinity);
		expect(bodySizeLimit('lots')).toBe(524_288);
	});

	it('flags a declared length over the limit (512K by default in tests)', () => {
		const post = (length: string | null) =>
			new Request('http://localhost/api/events', {
				method: 'POST',
				headers: length ? { 'content-length': length } : {}
			});
		expect(declaresTooLargeBody(post('524289'))).toBe(true);
		expect(declaresTooLargeBody(post('524288'))).toBe(false);
		expect(declaresTooLargeBody(post(null))).toBe(false);
	});
});
