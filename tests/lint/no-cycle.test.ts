import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** `npm run lint` refuses import cycles: the project's own ESLint config, on a fixture with one. */
describe('the lint config', () => {
	it('fails on an import cycle, naming the rule, and passes a file outside it', async () => {
		// The fixture is ignored by `npm run lint` (it fails on purpose); here it is linted anyway.
		const eslint = new ESLint({ ignore: false });
		const results = await eslint.lintFiles([
			'tests/lint/cycle-fixture/a.ts',
			'tests/lint/cycle-fixture/plain.ts'
		]);
		const rulesOf = (file: string) =>
			results.find((r) => r.filePath.endsWith(file))!.messages.map((m) => m.ruleId);
		expect(rulesOf('a.ts')).toEqual(['import-x/no-cycle']);
		expect(rulesOf('plain.ts')).toEqual([]);
	}, 120_000);
});
