import { error, redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/content/vocabulary';
import { localeCookie } from '$lib/i18n';
import { cookieOptions, longestCookieSeconds } from '$lib/server/cookies';
import { safeNext } from '$lib/server/safe-next';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies, locals, url }) => {
	const form = await request.formData().catch(() => null);
	const locale = form?.get('locale');
	if (!isLocale(locale)) error(400, locals.t('error.badLanguage'));
	cookies.set(localeCookie, locale, cookieOptions(url, longestCookieSeconds));
	redirect(303, safeNext(form?.get('next'), url.origin));
};
