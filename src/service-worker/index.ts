/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerPageRoutes } from './pages';
import { registerOutboxSync } from './sync';

declare const self: ServiceWorkerGlobalScope;

// The app shell (scripts, styles, icons, manifest) of this version, cleaned up when a new one arrives.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerPageRoutes();
registerOutboxSync();

/** "Update now" in the page: the waiting version takes over, then the page reloads. */
self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
