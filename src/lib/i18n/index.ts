import type { i18n, TFunction } from 'i18next';
import { isLocale, sourceLocale, type Locale } from '../content/vocabulary';
import en from './locales/en.json';
import enStaff from './locales/en.staff.json';
import vi from './locales/vi.json';
import viStaff from './locales/vi.staff.json';
import { instanceFor } from './instance';

/** Both files of each language (the resident's strings and the staff pages'), as server code uses them. */
export const resources = {
	vi: { translation: { ...vi, ...viStaff } },
	en: { translation: { ...en, ...enStaff } }
};
export type { TFunction };

/** Remembers the language a person chose. */
export const localeCookie = 'lang';

/**
 * A fresh i18next instance for one request, with both languages' strings bundled (server code and
 * tests). Pages in the browser use `loadTranslator` (./load.ts), which fetches only their language.
 */
export function createI18n(locale: Locale): i18n {
	return instanceFor(locale, resources[locale].translation);
}

/**
 * The remembered choice, else Vietnamese. The browser's Accept-Language is ignored on purpose: many
 * residents' phones are set to English while they read Vietnamese best.
 */
export function pickLocale(cookie: string | undefined): Locale {
	return isLocale(cookie) ? cookie : sourceLocale;
}
