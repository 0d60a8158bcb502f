/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { offlinePage as enPage } from '$lib/i18n/locales/en.json';
import { offlinePage as viPage } from '$lib/i18n/locales/vi.json';
import { flushExclusive, httpSender } from '$lib/offline/outbox';
import { openOfflineDb } from '$lib/offline/store';
import {
	assetCacheName,
	isLearnerPage,
	isPageRequest,
	pageCacheName,
	pageCacheSize
} from '$lib/offline/routes';

declare const self: ServiceWorkerGlobalScope;

// The app shell (scripts, styles, icons, manifest) of this version, cleaned up when a new one arrives.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

const networkWaitMs = 4_000;
const lookup = (request: Request) =>
	caches.match(request, { ignoreSearch: true, ignoreVary: true });

/**
 * Route scripts, kept as pages use them (their names carry a hash, so a copy never goes stale), and
 * older versions' scripts that a saved page still loads, served from the saved course.
 */
registerRoute(
	({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/_app/immutable/'),
	async ({ request, event }) => {
		const cached = await lookup(request);
		if (cached) return cached;
		const response = await fetch(request);
		if (response.ok) event.waitUntil(keep(assetCacheName, request, response.clone(), 150));
		return response;
	}
);

/** Puts a response in a bounded cache, dropping the oldest entries beyond `size`. */
async function keep(name: string, request: Request, response: Response, size: number) {
	const cache = await caches.open(name);
	await cache.put(request.url.split('?')[0]!, response);
	const keys = await cache.keys();
	for (const old of keys.slice(0, Math.max(0, keys.length - size))) await cache.delete(old);
}

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

/**
 * Learner pages: the network first, so a learner online always sees the current text; after a few
 * seconds without an answer (3G), or offline, the saved or recently seen copy; else a clear notice.
 */
registerRoute(
	({ request, url, sameOrigin }) => sameOrigin && isPageRequest(request, url),
	async ({ request, url, event }) => {
		if (!self.navigator.onLine) {
			const cached = isLearnerPage(url.pathname) ? await lookup(request) : undefined;
			return cached ?? offlineResponse(request);
		}
		const network = fetch(request).then((response) => {
			const plain = response.ok && !response.redirected && isLearnerPage(url.pathname);
			if (plain) event.waitUntil(keep(pageCacheName, request, response.clone(), pageCacheSize));
			return response;
		});
		// Observed below, or dropped when a cached copy answered first.
		network.catch(() => undefined);
		const timeout = new Promise<'slow'>((resolve) => setTimeout(resolve, networkWaitMs, 'slow'));
		try {
			const first = await Promise.race([network, timeout]);
			if (first !== 'slow') return first;
			const cached = isLearnerPage(url.pathname) ? await lookup(request) : undefined;
			return cached ?? (await network);
		} catch {
			const cached = isLearnerPage(url.pathname) ? await lookup(request) : undefined;
			return cached ?? offlineResponse(request);
		}
	}
);

/** Background Sync: the browser wakes the worker when the phone is back online, even with no tab open. */
self.addEventListener('sync', (e) => {
	const event = e as ExtendableEvent & { tag: string };
	if (event.tag !== 'outbox') return;
	event.waitUntil(
		(async () => {
			const report = await flushExclusive(await openOfflineDb(), httpSender(fetch), {
				force: true
			});
			// Open pages update their "waiting to sync" banner.
			const channel = new BroadcastChannel('outbox');
			channel.postMessage('changed');
			channel.close();
			// A rejected promise asks the browser to try this sync again later.
			if (report.outcome === 'retry-later') throw new Error('outbox not sent yet');
		})()
	);
});

/** "Update now" in the page: the waiting version takes over, then the page reloads. */
self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
