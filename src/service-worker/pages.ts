/// <reference lib="webworker" />
import type { WorkboxPlugin } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst, NetworkOnly } from 'workbox-strategies';
import { offlinePage as enPage } from '$lib/i18n/locales/en.json';
import { offlinePage as viPage } from '$lib/i18n/locales/vi.json';
import {
	assetCacheName,
	isLearnerPage,
	isPageRequest,
	pageCacheName,
	pageCacheSize
} from '$lib/offline/routes';

declare const self: ServiceWorkerGlobalScope;

const networkTimeoutSeconds = 4;
const assetCacheSize = 150;
const matchOptions: CacheQueryOptions = { ignoreSearch: true, ignoreVary: true };

/** One entry per page: SvelteKit's data requests carry a changing `?x-sveltekit-invalidated=`. */
const withoutQuery: WorkboxPlugin = {
	cacheKeyWillBeUsed: async ({ request }) => request.url.split('?')[0]!
};

/**
 * Every cache, not just the strategy's own: a saved course (`course-*`, see $lib/offline/saved) keeps
 * its pages and the scripts of the app version it was saved with, so it still runs after an update.
 */
const savedCopies: WorkboxPlugin = {
	cachedResponseWillBeUsed: async ({ request, cachedResponse }) =>
		cachedResponse ?? (await caches.match(request, matchOptions)) ?? null
};

/** A phone that knows it has no signal answers from the device at once, without trying the network. */
const deviceWhenOffline: WorkboxPlugin = {
	requestWillFetch: async ({ request }) => {
		if (!self.navigator.onLine) throw new Error('offline');
		return request;
	}
};

/** Redirects (to /start) and errors are not pages to keep. */
const plainPagesOnly: WorkboxPlugin = {
	cacheWillUpdate: async ({ response }) => (response.ok && !response.redirected ? response : null)
};

const offlineNotice: WorkboxPlugin = {
	handlerDidError: async ({ request }) => offlineResponse(request)
};

function offlineResponse(request: Request): Response {
	if (request.mode !== 'navigate') {
		// SvelteKit shows its error page for a failed data request: +error.svelte explains 503 offline.
		return new Response(JSON.stringify(viPage.title), {
			status: 503,
			headers: { 'content-type': 'application/json' }
		});
	}
	const part = (t: typeof viPage, lang: string) =>
		`<section lang="${lang}"><h1>${t.title}</h1><p>${t.text}</p><p><a href="/">${t.home}</a></p></section>`;
	return new Response(
		`<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${viPage.title}</title><style>body{font:1.05rem/1.5 system-ui,sans-serif;margin:0 auto;max-width:36rem;padding:1.25rem;color:#17202a}a{display:inline-block;padding:.7rem 1rem;background:#0b5d53;color:#fff;border-radius:10px;text-decoration:none}section+section{border-top:1px solid #ccd;margin-top:1.5rem}</style></head><body>${part(viPage, 'vi')}${part(enPage, 'en')}</body></html>`,
		{ status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } }
	);
}

export function registerPageRoutes(): void {
	// Route scripts, kept as pages use them: their names carry a hash, so a copy never goes stale.
	registerRoute(
		({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/_app/immutable/'),
		new CacheFirst({
			cacheName: assetCacheName,
			matchOptions,
			plugins: [
				withoutQuery,
				new ExpirationPlugin({ maxEntries: assetCacheSize, matchOptions }),
				savedCopies
			]
		})
	);

	// Learner pages: the network first, so a learner online always sees the current text; after a few
	// seconds without an answer (3G), or offline, the saved or recently seen copy; else a clear notice.
	registerRoute(
		({ request, url, sameOrigin }) =>
			sameOrigin && isPageRequest(request, url) && isLearnerPage(url.pathname),
		new NetworkFirst({
			cacheName: pageCacheName,
			networkTimeoutSeconds,
			matchOptions,
			plugins: [
				deviceWhenOffline,
				withoutQuery,
				plainPagesOnly,
				// Before savedCopies: it counts uses of this cache's own entries only.
				new ExpirationPlugin({ maxEntries: pageCacheSize, matchOptions }),
				savedCopies,
				offlineNotice
			]
		})
	);

	// Staff pages and "My data" are never kept on the device; offline they get the same notice.
	registerRoute(
		({ request, url, sameOrigin }) => sameOrigin && isPageRequest(request, url),
		new NetworkOnly({ plugins: [deviceWhenOffline, offlineNotice] })
	);
}
