import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { LessonMark, MeView } from '$lib/content/views';
import type { DeviceEvent } from '$lib/events/kinds';

/** One learning event as /api/events accepts it; made on the device, with its own id and time. */
export type OutboxEvent = DeviceEvent;

export interface OutboxEntry {
	seq?: number;
	event: OutboxEvent;
	queuedAt: number;
}

/** An event the server refused for good (e.g. the lesson left the course): kept to be shown, not lost. */
export interface RejectedEntry {
	event: OutboxEvent;
	reason: string;
	at: number;
}

export interface SyncState {
	lastSyncAt: number | null;
	failures: number;
	nextAttemptAt: number;
	/** The server no longer knows this device's learner (data deleted, cookie gone): waits for /start. */
	blocked: 'no-learner' | null;
}

export interface SavedCourse {
	slug: string;
	version: string;
	locale: string;
	appVersion: string;
	cacheName: string;
	bytes: number;
	savedAt: number;
}

/** What this device did that the server may not know yet: a lesson done, a quiz graded here. */
export interface DeviceMark extends LessonMark {
	eventId: string;
	at: number;
}

/** The device's own record of the learner: the server's last answer, and what was done since. */
export interface MeState {
	view: MeView | null;
	marks: DeviceMark[];
}

interface OfflineSchema extends DBSchema {
	outbox: { key: number; value: OutboxEntry; indexes: { 'by-id': string } };
	rejected: { key: string; value: RejectedEntry };
	// One store of small records under fixed keys: a new record needs no new database version.
	state: { key: 'sync' | 'me'; value: SyncState | MeState };
	saved: { key: string; value: SavedCourse };
}

export type OfflineDb = IDBPDatabase<OfflineSchema>;

export const initialSyncState: SyncState = {
	lastSyncAt: null,
	failures: 0,
	nextAttemptAt: 0,
	blocked: null
};

/**
 * The device's own store (IndexedDB): survives a closed tab and a restarted phone. Shared by the pages
 * and the service worker, so Background Sync can send the outbox with no page open.
 */
export function openOfflineDb(name = 'an-toan-mang'): Promise<OfflineDb> {
	return openDB<OfflineSchema>(name, 1, {
		upgrade(db) {
			const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
			outbox.createIndex('by-id', 'event.id', { unique: true });
			db.createObjectStore('rejected', { keyPath: 'event.id' });
			db.createObjectStore('state');
			db.createObjectStore('saved', { keyPath: 'slug' });
		}
	});
}

export async function readSyncState(db: OfflineDb): Promise<SyncState> {
	return ((await db.get('state', 'sync')) as SyncState | undefined) ?? { ...initialSyncState };
}

export async function readMeState(db: OfflineDb): Promise<MeState> {
	return ((await db.get('state', 'me')) as MeState | undefined) ?? { view: null, marks: [] };
}
