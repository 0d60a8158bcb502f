import { browser } from '$app/environment';
import type { TFunction } from 'i18next';
import type { Locale } from '$lib/content/vocabulary';
import { isStaffPath, loadTranslator } from '$lib/i18n/load';
import type { LayoutLoad } from './$types';

/** In the browser one translator per language and kind of page, kept across navigations. */
const translators = new Map<string, Promise<TFunction>>();

function translator(locale: Locale, staff: boolean): Promise<TFunction> {
	if (!browser) return loadTranslator(locale, staff);
	const key = `${locale}:${staff}`;
	let t = translators.get(key);
	if (!t) translators.set(key, (t = loadTranslator(locale, staff)));
	return t;
}

export const load: LayoutLoad = async ({ data, route }) => ({
	...data,
	t: await translator(data.locale, isStaffPath(route.id))
});
