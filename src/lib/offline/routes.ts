import { withoutLocale } from '$lib/i18n/paths';

/**
 * Pages a learner reads, in either language (/en/…): cached for offline use. Staff pages and /me are
 * never kept on the device.
 */
const learnerPage = /^\/(?:courses(?:\/[a-z0-9-]+){1,2}(?:\/quiz)?|privacy|how-we-count)?$/;

export const pageCacheName = 'pages';
export const pageCacheSize = 40;
export const assetCacheName = 'assets';

const pagePathOf = (pathname: string) =>
	withoutLocale(pathname.replace(/\/__data\.json$/, '') || '/');

export function isLearnerPage(pathname: string): boolean {
	return learnerPage.test(pagePathOf(pathname));
}

/** A navigation, or SvelteKit's data request for a page (in-app navigation). */
export function isPageRequest(request: Request, url: URL): boolean {
	if (request.method !== 'GET') return false;
	return request.mode === 'navigate' || url.pathname.endsWith('/__data.json');
}
