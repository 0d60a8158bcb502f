import type { TFunction } from 'i18next';
import type { Locale } from '../content/vocabulary';
import { instanceFor, type Strings } from './instance';

/**
 * Each language in files of its own, fetched only when a page is in it: a phone reading Vietnamese
 * never downloads the English strings. The strings only staff pages use (dashboard, report, admin,
 * campaigns, sign-in) sit in `<locale>.staff.json`: a resident's page loads about 9.5 KB compressed
 * instead of 21 KB.
 */
const files = import.meta.glob<Strings>('./locales/*.json', { import: 'default' });

/** Pages whose strings include the staff file: the signed-in areas and the staff invitation. */
export function isStaffPath(routeId: string | null): boolean {
	return /^\/(dashboard|admin|organize|account|invite)(\/|$)/.test(routeId ?? '');
}

/** A translator for `locale`, loading its strings first (at once when they are already loaded). */
export async function loadTranslator(locale: Locale, staff = false): Promise<TFunction> {
	const [resident, more] = await Promise.all([
		files[`./locales/${locale}.json`]!(),
		staff ? files[`./locales/${locale}.staff.json`]!() : {}
	]);
	return instanceFor(locale, { ...resident, ...more }).t;
}
