import i18next, { type i18n, type TFunction } from 'i18next';
import { isLocale, sourceLocale, type Locale } from '../content/vocabulary';
import en from './locales/en.json';
import vi from './locales/vi.json';

export const resources = { vi: { translation: vi }, en: { translation: en } };
export type { TFunction };

/** Remembers the language a person chose. */
export const localeCookie = 'lang';

/**
 * A fresh i18next instance for one request (server) or one page (browser). Initialised synchronously:
 * the resources are bundled, so there is nothing to wait for.
 */
export function createI18n(locale: Locale): i18n {
	const instance = i18next.createInstance();
	void instance.init({
		lng: locale,
		fallbackLng: false,
		supportedLngs: ['vi', 'en'],
		resources,
		initAsync: false,
		interpolation: { escapeValue: false },
		returnNull: false
	});
	return instance;
}

/**
 * The remembered choice, else Vietnamese. The browser's Accept-Language is ignored on purpose: many
 * residents' phones are set to English while they read Vietnamese best.
 */
export function pickLocale(cookie: string | undefined): Locale {
	return isLocale(cookie) ? cookie : sourceLocale;
}
