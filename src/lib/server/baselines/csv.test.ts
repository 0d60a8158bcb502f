import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseBaselineCsv, type KnownBaseline, type RowProblem } from './csv';
import { read, units } from './csv.test-helper';

const viHeader = 'Mã địa bàn;Tên địa bàn;Số người dùng Internet ước tính;Năm số liệu;Nguồn số liệu';
const figure = (i: number) => 8_000 + i * 1_237;
const source = 'Cục Thống kê; ước tính năm 2025';
const viLines = units.map(
	(u, i) => `${u.code};${u.name};${figure(i).toLocaleString('vi-VN')};2025;"${source}"`
);
/** As Excel in vi-VN saves "CSV UTF-8": a BOM, `;` between cells, CRLF. */
const viFile = (lines: string[], header = viHeader) =>
	'\uFEFF' + [header, ...lines].join('\r\n') + '\r\n';
const kinds = (problems: RowProblem[]) => problems.map((p) => [p.line, p.problem]);

describe('parsing a baselines file', () => {
	it('reads all 102 communes and wards from a vi-VN file, on their spreadsheet lines', () => {
		expect(units).toHaveLength(102);
		const result = read(viFile(viLines));
		expect(result.problems).toEqual([]);
		expect(result.flags).toEqual([]);
		expect(result.toSave).toHaveLength(102);
		expect(result.toSave).toEqual(result.rows);
		expect(result.rows[0]).toEqual({
			key: 'dong-thap-2026:28249',
			code: '28249',
			name: 'Phường Đạo Thạnh',
			year: 2025,
			users: 8_000,
			source,
			line: 2
		});
		expect(result.rows[101]).toMatchObject({ line: 103, users: figure(101) });
		expect(result.rows.map((r) => r.users)).toEqual(units.map((_, i) => figure(i)));
	});

	it('lists every bad row at once, on its line, and leaves nothing to save', () => {
		const lines = [...viLines];
		lines[3] = lines[3]!.replace(/^\d+/, '99999');
		lines[18] = lines[18]!.replace(/;[\d.]+;2025;/, ';-1.200;2025;');
		lines[38] = lines[38]!.replace(/"[^"]*"$/, '');
		lines.push(viLines[0]!);
		const result = read(viFile(lines));
		expect(result.problems).toEqual([
			{ line: 5, problem: 'unknown-code', value: '99999' },
			{ line: 20, problem: 'negative', code: units[18]!.code, value: '-1.200' },
			{ line: 40, problem: 'blank-source', code: units[38]!.code },
			{ line: 104, problem: 'duplicate-code', code: units[0]!.code, otherLine: 2 }
		]);
		expect(result.toSave).toEqual([]);
		expect(result.rows).toHaveLength(99);
	});

	it('reads Vietnamese and English number formats, and refuses decimals', () => {
		const [a, b, c, d, e, f] = units;
		const text = [
			'code,users,year,source',
			`${a!.code},120.000,2025,x`,
			`${b!.code},"1,250,000",2025,x`,
			`${c!.code},120\u00A0000,2025,x`,
			`${d!.code},1.250,2025,x`,
			`${e!.code},"120,5",2025,x`,
			`${f!.code},120.5,2025,x`
		].join('\n');
		const result = read(text);
		expect(result.rows.map((r) => r.users)).toEqual([120_000, 1_250_000, 120_000, 1_250]);
		expect(result.problems).toEqual([
			{ line: 6, problem: 'bad-number', code: e!.code, value: '120,5' },
			{ line: 7, problem: 'bad-number', code: f!.code, value: '120.5' }
		]);
	});

	it('checks the count, year and text of each row', () => {
		const code = (i: number) => units[i]!.code;
		const text = [
			'code;users;year;source',
			`${code(0)};0;2025;x`,
			`${code(1)};10.000.001;2025;x`,
			`${code(2)};10.000.000;2025;x`,
			`${code(3)};100;2019;x`,
			`${code(4)};100;2027;x`,
			`${code(5)};100;25;x`,
			`${code(6)};100;;x`,
			`${code(7)};100;2025;${'x'.repeat(501)}`,
			`${code(8)};100;2025;Sở\u202Ephản`,
			`${code(9)};100;2025;Sở\u0007`,
			`${code(10)};100;2025;\u200B\u200B`,
			`;100;2025;x`,
			`${code(11)};100;2025;"Báo cáo\nSở TT&TT"`,
			`${code(12)};abc;1999;`
		].join('\n');
		const result = read(text);
		expect(kinds(result.problems)).toEqual([
			[2, 'zero'],
			[3, 'too-big'],
			[5, 'bad-year'],
			[6, 'bad-year'],
			[7, 'bad-year'],
			[8, 'bad-year'],
			[9, 'too-long'],
			[10, 'bad-text'],
			[11, 'bad-text'],
			[12, 'bad-text'],
			[13, 'blank-code'],
			[15, 'bad-number'],
			[15, 'bad-year'],
			[15, 'blank-source']
		]);
		expect(result.problems.find((p) => p.line === 9)).toMatchObject({ column: 'source' });
		expect(result.rows.map((r) => [r.line, r.users, r.source])).toEqual([
			[4, 10_000_000, 'x'],
			[14, 100, 'Báo cáo Sở TT&TT']
		]);
	});

	it('skips a row whose users cell is blank, so a partly filled template uploads', () => {
		const text = viFile([
			`${units[0]!.code};${units[0]!.name};;;`,
			`${units[1]!.code};${units[1]!.name};5.000;2025;x`,
			';;;;',
			'',
			`${units[2]!.code};${units[2]!.name};  ;2025;x`
		]);
		const result = read(text);
		expect(result.problems).toEqual([]);
		expect(result.toSave.map((r) => [r.line, r.code])).toEqual([[3, units[1]!.code]]);
	});

	it('matches headers loosely, in any order, ignoring extra columns and the name', () => {
		const code = units[0]!.code;
		for (const header of [
			'SOURCE\tYear\tUsers\tCode',
			'nguon so lieu\tNĂM SỐ LIỆU\tSố người dùng internet ước tính\tmã địa bàn',
			'Source\tYear of the figure\tEstimated Internet users\tArea code'
		]) {
			const result = read(`${header}\tGhi chú\n"Sở\tTT"\t2025\t7.500\t${code}\t=1+1\n`);
			expect(result.problems).toEqual([]);
			expect(result.toSave).toMatchObject([{ code, users: 7_500, year: 2025, source: 'Sở TT' }]);
		}
		const below = read(`;;;;\r\ncode;users;year;source\r\n${code};7.500;2025;x\r\n`);
		expect(below.toSave).toMatchObject([{ code, line: 3 }]);
		const named = read(`code,name,users,year,source\n${code},Somewhere else,7500,2025,x\n`);
		expect(named.rows[0]!.name).toBe('Phường Đạo Thạnh');
	});

	it('refuses a file it cannot read, naming why', () => {
		const one = (text: string) => read(text).problems.map((p) => [p.line, p.problem]);
		expect(one('')).toEqual([[0, 'empty']]);
		expect(one('\uFEFF\r\n')).toEqual([[0, 'empty']]);
		expect(one(`${viHeader}\r\n`)).toEqual([[0, 'empty']]);
		expect(one('PK\u0003\u0004\u0000\u0000')).toEqual([[0, 'not-csv']]);
		expect(one(`code,users,year,source\n${units[0]!.code},"12,2025,x\n`)).toEqual([[0, 'not-csv']]);
		expect(one('M\uFFFD \uFFFDa b\uFFFDn;users\n')).toEqual([[0, 'not-utf8']]);
		expect(one('code;users;year\n28249;1;2025\n')).toEqual([[1, 'bad-header']]);
		expect(one('code;users;year;source;code\n28249;1;2025;x;1\n')).toEqual([[1, 'bad-header']]);
		expect(one(`\n\ncode;users;year\n`)).toEqual([[3, 'bad-header']]);
		const many = ['code;users;year;source', ...Array.from({ length: 1001 }, () => '1;1;2025;x')];
		expect(one(many.join('\n'))).toEqual([[1002, 'too-many-rows']]);
		const twins = [units[0]!, { ...units[1]!, code: units[0]!.code }];
		expect(() => read('code,users,year,source\n', [], twins)).toThrow('share a code');
	});

	it('takes the latest year as the default bound, in province time', () => {
		vi.setSystemTime(new Date('2026-12-31T18:00:00Z'));
		const text = (year: number) => `code,users,year,source\n${units[0]!.code},1,${year},x\n`;
		expect(parseBaselineCsv(text(2028), units, []).problems).toEqual([]);
		expect(parseBaselineCsv(text(2029), units, []).problems[0]!.problem).toBe('bad-year');
		expect(parseBaselineCsv(text(2019), units, []).problems[0]!.problem).toBe('bad-year');
	});
	afterEach(() => void vi.useRealTimers());
});

describe('flags for confirmation', () => {
	const [a, b, c, d, e] = units.map((u) => u.key);
	const known: KnownBaseline[] = [
		{ key: a!, year: 2023, users: 10_000 },
		{ key: a!, year: 2020, users: 100 },
		{ key: b!, year: 2023, users: 10_000 },
		{ key: c!, year: 2023, users: 9_000 },
		{ key: d!, year: 2025, users: 100 },
		{ key: d!, year: 2026, users: 100 },
		{ key: e!, year: 2024, users: 90_000 }
	];
	const file = (users: number[]) =>
		['code;users;year;source', ...users.map((n, i) => `${units[i]!.code};${n};2025;x`)].join('\n');

	it('flags a change of more than three times from the latest earlier figure, up or down', () => {
		const result = read(file([30_001, 30_000, 3_000, 1_000_000, 29_999]), known);
		expect(result.flags).toEqual([
			{
				line: 2,
				code: units[0]!.code,
				name: units[0]!.name,
				flag: 'changed-more-than-3x',
				users: 30_001,
				compared: 10_000,
				comparedYear: 2023
			},
			expect.objectContaining({ line: 6, users: 29_999, compared: 90_000, comparedYear: 2024 })
		]);
		expect(result.toSave).toHaveLength(5);
	});

	it('flags more Internet users than the population, when it is known', () => {
		const counted = units.map((u, i) => (i < 2 ? { ...u, population: 50_000 } : u));
		const result = read(file([50_001, 50_000, 900_000]), [], counted);
		expect(result.flags).toEqual([
			expect.objectContaining({
				line: 2,
				flag: 'more-than-population',
				users: 50_001,
				compared: 50_000
			})
		]);
	});
});
