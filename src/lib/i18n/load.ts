import type { TFunction } from 'i18next';
import type { Locale } from '../content/vocabulary';
import { instanceFor, type Strings } from './instance';

/**
 * Each language in a file of its own, fetched only when a page is in it: a phone reading Vietnamese
 * never downloads the English strings (about 21 KB compressed), nor the other way round.
 */
const files = import.meta.glob<Strings>('./locales/*.json', { import: 'default' });

/** A translator for `locale`, loading its strings first (at once when they are already loaded). */
export async function loadTranslator(locale: Locale): Promise<TFunction> {
	const strings = await files[`./locales/${locale}.json`]!();
	return instanceFor(locale, strings).t;
}
