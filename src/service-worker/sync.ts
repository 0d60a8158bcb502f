/// <reference lib="webworker" />
import { flushExclusive, httpSender } from '$lib/offline/outbox';
import { openOfflineDb } from '$lib/offline/store';

declare const self: ServiceWorkerGlobalScope;

/** Background Sync: the browser wakes the worker when the phone is back online, even with no tab open. */
export function registerOutboxSync(): void {
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
}
