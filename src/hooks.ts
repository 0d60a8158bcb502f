import type { Reroute } from '@sveltejs/kit';
import { localeOfPath, withoutLocale } from '$lib/i18n/paths';

/** /en/… is served by the route of the bare path, in English (see $lib/i18n/paths). */
export const reroute: Reroute = ({ url }) =>
	localeOfPath(url.pathname) ? withoutLocale(url.pathname) : undefined;
