import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers';

describe('security headers', () => {
	it('sets the fixed headers and HSTS only over https', () => {
		const plain = securityHeaders(new URL('http://localhost/'), '/');
		expect(plain).toMatchObject({
			'x-content-type-options': 'nosniff',
			'x-frame-options': 'DENY',
			'cross-origin-opener-policy': 'same-origin',
			'referrer-policy': 'strict-origin-when-cross-origin'
		});
		expect(plain['permissions-policy']).toContain('camera=()');
		// Our own pages may ask for the position (the place picker); nothing else may.
		expect(plain['permissions-policy']).toContain('geolocation=(self)');
		expect(plain['permissions-policy']).not.toContain('geolocation=()');
		expect(plain).not.toHaveProperty('strict-transport-security');
		expect(securityHeaders(new URL('https://example.org/'), '/')).toHaveProperty(
			'strict-transport-security',
			'max-age=31536000'
		);
	});

	it('sends no referrer from pages whose URL holds a token or code', () => {
		for (const route of ['/invite/[token]', '/join/[code]', '/checkin/[code]']) {
			expect(securityHeaders(new URL('http://localhost/x'), route)['referrer-policy']).toBe(
				'no-referrer'
			);
		}
	});

	it('keeps staff and account pages out of shared caches, and only those', () => {
		for (const path of [
			'/admin',
			'/organize/campaigns/1',
			'/dashboard/export',
			'/account/signin'
		]) {
			expect(securityHeaders(new URL(`http://localhost${path}`), null)['cache-control']).toBe(
				'private, no-store'
			);
		}
		// A quiz result the server graded is one learner's, beside the lesson everyone shares.
		const result = '/courses/[course]/[lesson]/quiz/result';
		expect(
			securityHeaders(new URL('http://localhost/courses/a/b/quiz/result'), result)
		).toHaveProperty('cache-control', 'private, no-store');
		for (const path of ['/', '/administrator', '/courses/a', '/join']) {
			expect(securityHeaders(new URL(`http://localhost${path}`), null)).not.toHaveProperty(
				'cache-control'
			);
		}
	});
});
