import type { Locale } from '../content/vocabulary';

/**
 * English pages live under /en (`/en/courses/x`), Vietnamese ones at the bare path: the language is in
 * the address, so a page is the same for everyone who opens it and any cache may keep it. SvelteKit's
 * `reroute` (src/hooks.ts) serves /en/… with the route of the bare path.
 */
const prefix = '/en';

const split = (path: string): [string, string] => {
	const at = path.search(/[?#]/);
	return at < 0 ? [path, ''] : [path.slice(0, at), path.slice(at)];
};

/** The language a path names: English under /en, none for a bare path. */
export function localeOfPath(pathname: string): Locale | null {
	const [path] = split(pathname);
	return path === prefix || path.startsWith(`${prefix}/`) ? 'en' : null;
}

/** The path without its language: `/en/courses/x` → `/courses/x`, `/en` → `/`. */
export function withoutLocale(path: string): string {
	if (!localeOfPath(path)) return path;
	const [bare, rest] = split(path.slice(prefix.length));
	return (bare || '/') + rest;
}

/** The same page in `locale`: `/courses/x` ↔ `/en/courses/x`, `/` ↔ `/en`; a query or hash is kept. */
export function localePath(locale: Locale, path: string): string {
	const [bare, rest] = split(withoutLocale(path));
	if (locale !== 'en') return bare + rest;
	return (bare === '/' ? prefix : prefix + bare) + rest;
}
