import { mergeMarks } from '$lib/content/progress';
import type { LessonMark, MeView } from '$lib/content/views';
import type { Locale } from '$lib/content/vocabulary';
import { localePath } from '$lib/i18n/paths';
import { readMeState, type DeviceMark, type MeState } from './store';
import { offlineDb, syncNow, syncStatus } from './sync.svelte';

/**
 * What is personal on the pages everyone shares, in the browser: the server's answer
 * (/api/me/progress), else the device's copy of its last one (offline), with what this device did
 * since. Until either answers, `known` is false and the pages show what a visitor sees.
 */
export const me = $state({
	known: false,
	learner: null as MeView['learner'],
	user: null as MeView['user'],
	progress: [] as LessonMark[]
});

/** A mark stays until the server has its event, or an hour (the server's answer may predate it). */
const markKeptMs = 60 * 60_000;
const freshMs = 30_000;
let fetched: { locale: Locale; at: number } | null = null;
let marks: DeviceMark[] = [];

function show(view: MeView | null) {
	me.learner = view?.learner ?? null;
	me.user = view?.user ?? null;
	me.progress = mergeMarks(view?.progress ?? [], marks);
	me.known = view !== null;
}

async function deviceState(): Promise<MeState | null> {
	if (typeof indexedDB === 'undefined') return null;
	return readMeState(await offlineDb()).catch(() => null);
}

async function fromServer(locale: Locale): Promise<MeView | null> {
	// Known to be offline: the device's copy, without a request bound to fail.
	if (typeof navigator !== 'undefined' && navigator.onLine === false) return null;
	try {
		const response = await fetch(localePath(locale, '/api/me/progress'), { cache: 'no-store' });
		return response.ok ? ((await response.json()) as MeView) : null;
	} catch {
		return null;
	}
}

let loading: Promise<void> | null = null;

/**
 * Asks the server again unless it answered moments ago (`force` after the learner was made). Offline,
 * the device's copy stands in; the user's role is not kept on the device.
 */
export function loadMe(locale: Locale, force = false): Promise<void> {
	if (!force && fetched?.locale === locale && Date.now() - fetched.at < freshMs) {
		return Promise.resolve();
	}
	// One request at a time: a click that needs the answer waits for the one the page started.
	if (!force && loading) return loading;
	const current = load(locale).finally(() => {
		if (loading === current) loading = null;
	});
	loading = current;
	return current;
}

async function load(locale: Locale): Promise<void> {
	const [view, saved] = await Promise.all([fromServer(locale), deviceState()]);
	marks = saved?.marks ?? marks;
	if (view) {
		fetched = { locale, at: Date.now() };
		const db = saved && (await offlineDb());
		if (db) {
			const queued = (await db.getAll('outbox')).map((e) => e.event.id);
			marks = marks.filter((m) => queued.includes(m.eventId) || Date.now() - m.at < markKeptMs);
			await db.put('state', { view: { ...view, user: null }, marks }, 'me');
		}
		// The server knows this learner now (made on another page): send what waited for it.
		if (view.learner && syncStatus.blocked) void syncNow(true);
	}
	show(view ?? saved?.view ?? null);
}

/** What this device just did shows at once, online or not, before the server has heard of it. */
export async function noteProgress(mark: Omit<DeviceMark, 'at'>): Promise<void> {
	marks = [...marks.filter((m) => m.eventId !== mark.eventId), { ...mark, at: Date.now() }];
	me.progress = mergeMarks(me.progress, [mark]);
	const saved = await deviceState();
	if (saved) await (await offlineDb()).put('state', { view: saved.view, marks }, 'me');
}

/** "Delete my data": the device forgets the learner too. */
export async function forgetMe(): Promise<void> {
	marks = [];
	fetched = null;
	show(null);
	if (typeof indexedDB !== 'undefined') await (await offlineDb()).delete('state', 'me');
}
