import type { Cookies } from '@sveltejs/kit';

type CookieOptions = Parameters<Cookies['set']>[2];

/** Browsers cap cookie lifetimes at about 400 days. */
export const longestCookieSeconds = 60 * 60 * 24 * 400;

/**
 * The options of every cookie the site sets (session, learner, language): sent to this site only,
 * never readable by a script, kept on links from other sites (SameSite=Lax), Secure over https.
 * `lifetime` is a number of seconds or an expiry date; deleting a cookie needs the same path and flags.
 */
export function cookieOptions(url: URL, lifetime?: number | Date): CookieOptions {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		...(lifetime instanceof Date ? { expires: lifetime } : lifetime ? { maxAge: lifetime } : {})
	};
}
