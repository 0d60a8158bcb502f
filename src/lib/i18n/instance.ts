import i18next, { type i18n } from 'i18next';
import type { Locale } from '../content/vocabulary';

/** One language's strings, as in `locales/<locale>.json`. */
export type Strings = Record<string, unknown>;

/**
 * An i18next instance for one language, initialised synchronously from strings already loaded (there
 * is nothing to wait for). Only that language is in it: a page never needs the other one.
 */
export function instanceFor(locale: Locale, strings: Strings): i18n {
	const instance = i18next.createInstance();
	void instance.init({
		lng: locale,
		fallbackLng: false,
		supportedLngs: ['vi', 'en'],
		resources: { [locale]: { translation: strings } },
		initAsync: false,
		interpolation: { escapeValue: false },
		returnNull: false
	});
	return instance;
}
