import { browser } from '$app/environment';
import type { TFunction } from 'i18next';
import type { Locale } from '$lib/content/vocabulary';
import { loadTranslator } from '$lib/i18n/load';
import type { LayoutLoad } from './$types';

/** In the browser one translator per language, kept across navigations (this runs on every one). */
const translators = new Map<Locale, Promise<TFunction>>();

function translator(locale: Locale): Promise<TFunction> {
	if (!browser) return loadTranslator(locale);
	let t = translators.get(locale);
	if (!t) translators.set(locale, (t = loadTranslator(locale)));
	return t;
}

export const load: LayoutLoad = async ({ data }) => ({ ...data, t: await translator(data.locale) });
