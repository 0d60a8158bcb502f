import { browser } from '$app/environment';
import type { TFunction } from 'i18next';
import type { Locale } from '$lib/content/vocabulary';
import { createI18n } from '$lib/i18n';
import type { LayoutLoad } from './$types';

/** In the browser one instance per language, kept across navigations (this runs on every one). */
const translators = new Map<Locale, TFunction>();

function translator(locale: Locale): TFunction {
	if (!browser) return createI18n(locale).t;
	let t = translators.get(locale);
	if (!t) translators.set(locale, (t = createI18n(locale).t));
	return t;
}

export const load: LayoutLoad = ({ data }) => ({ ...data, t: translator(data.locale) });
