import { getContext, setContext } from 'svelte';
import type { TFunction } from 'i18next';

const key = Symbol('t');

/** The root layout provides the page's translate function; components read it with useT(). */
export function provideT(get: () => TFunction): void {
	setContext(key, get);
}

export function useT(): TFunction {
	const get = getContext<() => TFunction>(key);
	return ((...args: Parameters<TFunction>) => get()(...args)) as TFunction;
}
