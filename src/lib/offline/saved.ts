import type { Locale } from '$lib/content/vocabulary';
import { localePath } from '$lib/i18n/paths';
import type { OfflineDb, SavedCourse } from './store';

export interface OfflineCourse {
	slug: string;
	version: string;
	urls: string[];
}

/** All saved courses together stay under this: about 40 saved courses of today's size. */
export const storageLimitBytes = 25 * 1024 * 1024;

export type SaveProblem = 'unknown-course' | 'too-big' | 'network';

export class SaveError extends Error {
	constructor(readonly problem: SaveProblem) {
		super(problem);
	}
}

export const cachePrefix = 'course-';
// A new name per save: the copy in use stays whole until its replacement is complete.
const cacheNameOf = (c: OfflineCourse) =>
	`${cachePrefix}${c.slug}-${c.version}-${Date.now().toString(36)}`;

/**
 * Scripts and styles a saved page loads, kept with the course so that it still runs after an app
 * update. SvelteKit names them, relative to the page (../../_app/immutable/…), in the page's `link`
 * header (modulepreload of the route's code) and in its start script.
 */
function assetsOf(text: string): string[] {
	return [...text.matchAll(/_app\/immutable\/[\w./-]+?\.(?:js|css)/g)].map((m) => `/${m[0]}`);
}

async function fetchOrFail(url: string): Promise<Response> {
	let response: Response;
	try {
		response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
	} catch {
		throw new SaveError('network');
	}
	if (!response.ok) throw new SaveError('network');
	return response;
}

export async function fetchOfflineList(): Promise<OfflineCourse[]> {
	const response = await fetchOrFail('/api/offline');
	return ((await response.json()) as { courses: OfflineCourse[] }).courses;
}

export async function listSaved(db: OfflineDb): Promise<SavedCourse[]> {
	return db.getAll('saved');
}

async function dropOtherVersions(slug: string, keep: string | null): Promise<void> {
	for (const name of await caches.keys()) {
		const rest =
			name.startsWith(`${cachePrefix}${slug}-`) && name.slice(cachePrefix.length + slug.length);
		// '-<version>-<time>' exactly, so that saving 'scams' never removes 'scams-at-work'.
		if (rest && /^-[0-9a-f]{12}-[0-9a-z]+$/.test(rest) && name !== keep) await caches.delete(name);
	}
}

/**
 * Stores every page of a course (and the scripts they load) in a cache named after the course's
 * version, then forgets older versions: the pages in the language being read (/en/… for English).
 * Fails whole: a half-saved course is removed, never kept.
 */
export async function saveCourse(
	db: OfflineDb,
	course: OfflineCourse,
	context: { locale: Locale; appVersion: string }
): Promise<SavedCourse> {
	const name = cacheNameOf(course);
	const cache = await caches.open(name);
	try {
		const others = (await listSaved(db)).filter((s) => s.slug !== course.slug);
		const budget = storageLimitBytes - others.reduce((sum, s) => sum + s.bytes, 0);
		let bytes = 0;
		const assets = new Set<string>();
		const keep = async (url: string, response: Response) => {
			const body = await response.clone().blob();
			bytes += body.size;
			if (bytes > budget) throw new SaveError('too-big');
			await cache.put(url, response);
			return body;
		};
		for (const url of course.urls.map((u) => localePath(context.locale, u))) {
			const response = await fetchOrFail(url);
			const links = response.headers.get('link') ?? '';
			const body = await keep(url, response);
			if (body.type.includes('html')) {
				for (const a of assetsOf(links + (await body.text()))) assets.add(a);
			}
		}
		for (const url of assets) await keep(url, await fetchOrFail(url));
		const saved: SavedCourse = {
			slug: course.slug,
			version: course.version,
			locale: context.locale,
			appVersion: context.appVersion,
			cacheName: name,
			bytes,
			savedAt: Date.now()
		};
		await db.put('saved', saved);
		await dropOtherVersions(course.slug, name);
		return saved;
	} catch (error) {
		await caches.delete(name);
		if (error instanceof DOMException && error.name === 'QuotaExceededError') {
			throw new SaveError('too-big');
		}
		throw error;
	}
}

export async function removeSaved(db: OfflineDb, slug: string): Promise<void> {
	await db.delete('saved', slug);
	await dropOtherVersions(slug, null);
}

/**
 * Keeps saved courses current: a course whose content changed, whose language the learner switched, or
 * whose pages came from an older app version is saved again; one that left the catalogue is removed.
 * Runs when the app opens online; offline, the saved copy stays usable as it is.
 */
export async function refreshSaved(
	db: OfflineDb,
	context: { locale: Locale; appVersion: string }
): Promise<{ refreshed: string[]; removed: string[] }> {
	const saved = await listSaved(db);
	const outcome = { refreshed: [] as string[], removed: [] as string[] };
	if (saved.length === 0) return outcome;
	const current = new Map((await fetchOfflineList()).map((c) => [c.slug, c]));
	for (const entry of saved) {
		const course = current.get(entry.slug);
		if (!course) {
			await removeSaved(db, entry.slug);
			outcome.removed.push(entry.slug);
		} else if (
			course.version !== entry.version ||
			entry.locale !== context.locale ||
			entry.appVersion !== context.appVersion
		) {
			await saveCourse(db, course, context);
			outcome.refreshed.push(entry.slug);
		}
	}
	return outcome;
}
