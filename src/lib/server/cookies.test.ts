import { describe, expect, it } from 'vitest';
import { cookieOptions } from './cookies';

describe('cookieOptions', () => {
	it('is httpOnly and SameSite=Lax everywhere, Secure over https only', () => {
		expect(cookieOptions(new URL('http://127.0.0.1:3000/'))).toEqual({
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: false
		});
		expect(cookieOptions(new URL('https://antoanmang.example/')).secure).toBe(true);
	});

	it('takes a lifetime in seconds or an expiry date', () => {
		const url = new URL('https://antoanmang.example/');
		expect(cookieOptions(url, 60)).toMatchObject({ maxAge: 60 });
		const at = new Date('2027-01-01T00:00:00Z');
		expect(cookieOptions(url, at)).toMatchObject({ expires: at });
		expect(cookieOptions(url)).not.toHaveProperty('maxAge');
	});
});
