import type { Cookies } from '@sveltejs/kit';
import { cookieOptions } from '../cookies';
import { sessionCookie } from './session';

export function setSessionTokenCookie(
	cookies: Cookies,
	url: URL,
	token: string,
	expiresAt: Date
): void {
	cookies.set(sessionCookie, token, cookieOptions(url, expiresAt));
}

export function deleteSessionTokenCookie(cookies: Cookies, url: URL): void {
	cookies.delete(sessionCookie, cookieOptions(url));
}
