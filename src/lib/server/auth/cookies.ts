import type { Cookies } from '@sveltejs/kit';
import { sessionCookie } from './session';

/** httpOnly, SameSite=Lax, and Secure whenever the site is served over https (always, in production). */
export function setSessionTokenCookie(
	cookies: Cookies,
	url: URL,
	token: string,
	expiresAt: Date
): void {
	cookies.set(sessionCookie, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}

export function deleteSessionTokenCookie(cookies: Cookies, url: URL): void {
	cookies.delete(sessionCookie, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
}
