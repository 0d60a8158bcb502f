import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ageBands, audiences, scamTypes } from '$lib/content/vocabulary';
import { createI18n, resources } from './index';

type Tree = { [key: string]: string | Tree };

/** Flattens to dotted keys, folding plural forms (_one, _other) into their base key. */
function keys(tree: Tree, prefix = ''): Set<string> {
	const out = new Set<string>();
	for (const [k, value] of Object.entries(tree)) {
		const key = `${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`;
		if (typeof value === 'string') out.add(key);
		else for (const child of keys(value, `${key}.`)) out.add(child);
	}
	return out;
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
	});
}

describe('locale files', () => {
	// Both files of each language (the resident's and the staff pages'); ./staff-strings.test.ts
	// checks which pages may use which.
	const viKeys = keys(resources.vi.translation as Tree);
	const enKeys = keys(resources.en.translation as Tree);

	it('have exactly the same keys in Vietnamese and English', () => {
		expect([...viKeys].filter((k) => !enKeys.has(k))).toEqual([]);
		expect([...enKeys].filter((k) => !viKeys.has(k))).toEqual([]);
	});

	it('hold every literal key the code uses', () => {
		const used = new Set<string>();
		for (const file of sourceFiles('src')) {
			for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z][\w.-]*)'/g))
				used.add(m[1]!);
		}
		expect(used.size).toBeGreaterThan(40);
		expect([...used].filter((k) => !viKeys.has(k))).toEqual([]);
	});

	it('label every vocabulary word used in template keys', () => {
		const templated = [
			...audiences.map((a) => `audience.${a}`),
			...scamTypes.map((s) => `scam.${s}`),
			...ageBands.map((b) => `ageBand.${b}`),
			...['new', 'read', 'passed'].map((s) => `lessonState.${s}`),
			...[
				'badId',
				'unexpectedField',
				'badBatch',
				'unknown-course',
				'unknown-lesson',
				'unknown-question',
				'unknown-option',
				'several-for-single',
				'id-conflict'
			].map((e) => `error.event.${e}`),
			...['kept', 'why', 'notKept', 'where', 'rights', 'contact'].flatMap((s) => [
				`privacy.${s}.title`,
				`privacy.${s}.text`
			])
		];
		expect(templated.filter((k) => !viKeys.has(k) || !enKeys.has(k))).toEqual([]);
	});

	it('pluralise in English and not in Vietnamese', () => {
		expect(createI18n('en').t('course.lessons', { count: 1 })).toBe('1 lesson');
		expect(createI18n('en').t('course.lessons', { count: 4 })).toBe('4 lessons');
		expect(createI18n('vi').t('course.lessons', { count: 4 })).toBe('4 bài');
	});
});
