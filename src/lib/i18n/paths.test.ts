import { describe, expect, it } from 'vitest';
import { localeOfPath, localePath, withoutLocale } from './paths';

describe('language paths', () => {
	it('name English under /en only', () => {
		expect(localeOfPath('/en')).toBe('en');
		expect(localeOfPath('/en/courses/x')).toBe('en');
		expect(localeOfPath('/en?x=1')).toBe('en');
		expect(localeOfPath('/english')).toBeNull();
		expect(localeOfPath('/courses/en')).toBeNull();
		expect(localeOfPath('/')).toBeNull();
	});

	it('drop and add the language, keeping the query', () => {
		expect(withoutLocale('/en')).toBe('/');
		expect(withoutLocale('/en/courses/x/__data.json')).toBe('/courses/x/__data.json');
		expect(withoutLocale('/en?next=/')).toBe('/?next=/');
		expect(withoutLocale('/courses/x')).toBe('/courses/x');
		expect(localePath('en', '/')).toBe('/en');
		expect(localePath('en', '/courses/x')).toBe('/en/courses/x');
		expect(localePath('en', '/en/courses/x')).toBe('/en/courses/x');
		expect(localePath('en', '/place?next=/')).toBe('/en/place?next=/');
		expect(localePath('vi', '/en/courses/x?attempt=1')).toBe('/courses/x?attempt=1');
		expect(localePath('vi', '/en')).toBe('/');
		expect(localePath('vi', '/courses/x')).toBe('/courses/x');
	});
});
