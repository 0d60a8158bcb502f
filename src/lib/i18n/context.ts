import { getContext, setContext } from 'svelte';
import type { TFunction } from 'i18next';
import type { Locale } from '../content/vocabulary';
import { localePath } from './paths';

const key = Symbol('i18n');
type PageI18n = { t: TFunction; locale: Locale };

/** The root layout provides the page's translate function and language; components read them. */
export function provideI18n(get: () => PageI18n): void {
	setContext(key, get);
}

export function useT(): TFunction {
	const get = getContext<() => PageI18n>(key);
	return ((...args: Parameters<TFunction>) => get().t(...args)) as TFunction;
}

/** Links in the page's language: `/courses/x` on a Vietnamese page, `/en/courses/x` on an English one. */
export function useLocalePath(): (path: string) => string {
	const get = getContext<() => PageI18n>(key);
	return (path) => localePath(get().locale, path);
}
