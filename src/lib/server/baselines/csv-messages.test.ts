import { describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n';
import { baselineCsvMessage, flagKinds, problemKinds, type RowFlag, type RowProblem } from './csv';
import { read } from './csv.test-helper';

describe('messages', () => {
	const limits = read('').limits;
	const problems: RowProblem[] = problemKinds.map((problem) => ({
		line: 7,
		problem,
		code: '28249',
		column: 'source',
		value: 'x',
		otherLine: 3
	}));
	const flags: RowFlag[] = flagKinds.map((flag) => ({
		line: 7,
		code: '28249',
		name: 'Phường Đạo Thạnh',
		flag,
		users: 1_250_000,
		compared: 300_000,
		comparedYear: 2023
	}));

	it.each(['vi', 'en'] as const)('say every problem and flag in full (%s)', (locale) => {
		const { t } = createI18n(locale);
		for (const item of [...problems, ...flags]) {
			const message = baselineCsvMessage(t, item, limits);
			expect(message).not.toMatch(/baselineCsv|\{\{|\$t\(/);
			expect(message.length).toBeGreaterThan(20);
		}
		const [vi, en] = [createI18n('vi').t, createI18n('en').t];
		expect(baselineCsvMessage(vi, flags[1]!, limits)).toContain('1.250.000');
		expect(baselineCsvMessage(en, flags[1]!, limits)).toContain('1,250,000');
		const badText = problems.find((p) => p.problem === 'bad-text')!;
		expect(baselineCsvMessage(vi, badText, limits)).toContain('cột “Nguồn số liệu”');
		expect(baselineCsvMessage(en, { line: 1, problem: 'bad-header' }, limits)).toContain(
			'Area code, Estimated Internet users, Year of the figure, Source'
		);
	});
});
