import { browser } from '$app/environment';
import { enqueue, flushExclusive, httpSender, pendingCount, waitingActivities } from './outbox';
import { cachePrefix } from './saved';
import { pageCacheName, pageCacheSize } from './routes';
import { openOfflineDb, readSyncState, type OfflineDb, type OutboxEvent } from './store';

/** What the learner sees about their device's queue (see sync-status.svelte). */
export const syncStatus = $state({
	ready: false,
	online: true,
	/** Activities the learner sees as waiting (lessons and quizzes done). */
	pending: 0,
	/** Everything queued, openings of lessons included. */
	queued: 0,
	rejected: 0,
	lastSyncAt: null as number | null,
	blocked: null as 'no-learner' | null,
	syncing: false
});

let dbPromise: Promise<OfflineDb> | undefined;
export const offlineDb = () => (dbPromise ??= openOfflineDb());

// Browser only: on the server (this module is rendered there too) an open channel would keep the
// Node process alive after SIGTERM.
const channel =
	browser && typeof BroadcastChannel === 'function' ? new BroadcastChannel('outbox') : null;
const intervalMs = 30_000;

export async function refreshStatus(): Promise<void> {
	const db = await offlineDb();
	const state = await readSyncState(db);
	syncStatus.queued = await pendingCount(db);
	syncStatus.pending = await waitingActivities(db);
	syncStatus.rejected = await db.count('rejected');
	syncStatus.lastSyncAt = state.lastSyncAt;
	syncStatus.blocked = state.blocked;
	syncStatus.online = navigator.onLine;
	syncStatus.ready = true;
}

/** Sends what is queued now (when online), and tells other tabs what changed. */
export async function syncNow(force = false, wait = false): Promise<void> {
	if (!navigator.onLine) return refreshStatus();
	syncStatus.syncing = true;
	try {
		await flushExclusive(await offlineDb(), httpSender(fetch), { force, wait });
	} finally {
		syncStatus.syncing = false;
		await refreshStatus();
		channel?.postMessage('changed');
	}
}

/** Asks the browser to send the outbox when the connection is back, even if this tab is closed. */
async function registerBackgroundSync(): Promise<void> {
	if (!('serviceWorker' in navigator)) return;
	const registration = (await navigator.serviceWorker.getRegistration()) as
		(ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
	await registration?.sync?.register('outbox').catch(() => undefined);
}

const sendWaitMs = 3_000;

/**
 * Records a learning event on the device first, then sends it. The same path serves online and
 * offline learning: the event is safe in IndexedDB before anything goes over the network. Online,
 * the send is given a few seconds to finish, so that the next page already shows the progress;
 * offline or on a slow link the learner goes on at once and the outbox sends it later.
 */
export async function record(event: OutboxEvent): Promise<void> {
	await enqueue(await offlineDb(), event);
	await refreshStatus();
	channel?.postMessage('changed');
	// The record of an opening goes with the next send: no request of its own while the page loads,
	// and none at all for a visitor who has no learner yet.
	if (event.type === 'lesson_opened') return;
	void registerBackgroundSync();
	const sent = syncNow(true, true).catch(() => undefined);
	await Promise.race([sent, new Promise((resolve) => setTimeout(resolve, sendWaitMs))]);
}

/** Starts syncing for this page: now, when the phone is back online, and every 30 s while queued. */
export function startSync(): () => void {
	// Back online, the worker's Background Sync may be sending already: wait for it, then look again.
	const online = () => void syncNow(true, true);
	const offline = () => void refreshStatus();
	const visible = () => document.visibilityState === 'visible' && void syncNow();
	const onMessage = () => void refreshStatus();
	addEventListener('online', online);
	addEventListener('offline', offline);
	document.addEventListener('visibilitychange', visible);
	channel?.addEventListener('message', onMessage);
	const timer = setInterval(() => syncStatus.queued > 0 && void syncNow(), intervalMs);
	void syncNow();
	return () => {
		removeEventListener('online', online);
		removeEventListener('offline', offline);
		document.removeEventListener('visibilitychange', visible);
		channel?.removeEventListener('message', onMessage);
		clearInterval(timer);
	};
}

/** Events refused for good are shown with their reason; the learner may dismiss them. */
export async function dismissRejected(): Promise<void> {
	await (await offlineDb()).clear('rejected');
	await refreshStatus();
}

/** "Delete my data" also empties this device: queued events, refusals, saved courses. */
export async function forgetDevice(): Promise<void> {
	const db = await offlineDb();
	await db.clear('outbox');
	await db.clear('rejected');
	await db.clear('saved');
	await db.delete('state', 'sync');
	await db.delete('state', 'me');
	for (const name of await caches.keys()) {
		if (name.startsWith(cachePrefix) || name === pageCacheName) await caches.delete(name);
	}
	// The worker's record of when each kept page was last opened goes with the pages.
	const { CacheExpiration } = await import('workbox-expiration');
	await new CacheExpiration(pageCacheName, { maxEntries: pageCacheSize }).delete();
	await refreshStatus();
}

export type { OutboxEvent };
