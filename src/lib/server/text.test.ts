import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { lineOfText } from './text';

const title = lineOfText(3, 200, 'campaign.problem.title');
const problem = (value: unknown) => {
	const parsed = v.safeParse(title, value);
	return parsed.success ? null : parsed.issues[0].message;
};

describe('lineOfText', () => {
	it('trims and stores Vietnamese in NFC, whichever keyboard typed it', () => {
		const decomposed = 'Tua\u0302\u0300n le\u0302\u0303 an toa\u0300n ma\u0323ng';
		expect(v.parse(title, `  ${decomposed}\t`)).toBe('Tuần lễ an toàn mạng');
		expect(v.parse(title, 'Tuần lễ an toàn mạng')).toBe('Tuần lễ an toàn mạng');
		expect(v.parse(title, 'Ngày hội 🎓 số')).toBe('Ngày hội 🎓 số');
		expect(v.parse(title, '\uFEFFHội thi\u00a0')).toBe('Hội thi');
	});

	it.each([
		['a NUL', 'Chiến\u0000dịch'],
		['a tab inside', 'Chiến\tdịch'],
		['a newline inside', 'Chiến dịch\nSet-Cookie: x'],
		['DEL', 'Chiến\u007fdịch'],
		['a C1 control', 'Chiến\u0085dịch'],
		['a line separator', 'Chiến\u2028dịch'],
		['a right-to-left override', 'Hồ sơ \u202Egnp.exe'],
		['a left-to-right embedding', '\u202Aabc'],
		['a pop directional formatting', 'abc\u202C'],
		['a right-to-left isolate', 'abc\u2067def\u2069'],
		['a first strong isolate', 'abc\u2068def']
	])('refuses %s as hidden characters', (_, value) => {
		expect(problem(value)).toBe('error.text.hidden');
	});

	it.each([
		['zero-width spaces', '\u200B\u200B\u200B\u200B'],
		['joiners', '\u200C\u200D\u200C'],
		['word joiners and soft hyphens', '\u2060\u00AD\u2060\u00AD'],
		['byte-order marks between zero-width spaces', '\u200B\uFEFF\u200B'],
		['Hangul fillers', '\u3164\u3164\u3164'],
		['a blank Braille pattern', '\u2800\u2800\u2800']
	])('refuses only %s as invisible', (_, value) => {
		expect(problem(value)).toBe('error.text.invisible');
	});

	it('counts only visible characters towards the minimum, and refuses what is too long', () => {
		expect(problem('')).toBe('campaign.problem.title');
		expect(problem('   ')).toBe('campaign.problem.title');
		expect(problem('ab\u200B\u200B')).toBe('campaign.problem.title');
		expect(problem('abc')).toBeNull();
		expect(problem('x'.repeat(201))).toBe('campaign.problem.title');
		expect(problem(42)).toBe('campaign.problem.title');
	});

	it('keeps joiners that belong inside visible text', () => {
		expect(problem('Gia đình 👨\u200D👩\u200D👧')).toBeNull();
		expect(problem('co\u00ADop')).toBeNull();
	});
});
