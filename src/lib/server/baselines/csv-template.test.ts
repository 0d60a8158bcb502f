import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { baselineTemplate, parseBaselineCsv, type BaselineUnit, type KnownBaseline } from './csv';
import { units, years } from './csv.test-helper';

describe('the template to download', () => {
	const areas: BaselineUnit[] = [
		...units,
		{ key: 'district:866', code: '866', name: 'Thành phố Cao Lãnh (cũ)' },
		{ key: 'province', code: '82', name: 'Tỉnh Đồng Tháp' }
	];
	const known: KnownBaseline[] = [
		{ key: areas[0]!.key, year: 2024, users: 31_000, source: 'Sở KH&CN; điều tra 2024' },
		{ key: areas[0]!.key, year: 2022, users: 25_000, source: 'old' },
		{ key: 'province', year: 2025, users: 3_100_000, source: 'Cục Thống kê' }
	];

	it('has one row per area, pre-filled with its latest figure, for Excel', () => {
		const csv = baselineTemplate(areas, known, 'vi');
		expect(csv.startsWith('\uFEFFMã địa bàn,Tên địa bàn,')).toBe(true);
		const rows = parse(csv, { bom: true }) as string[][];
		expect(rows).toHaveLength(105);
		expect(rows[1]).toEqual([
			'28249',
			'Phường Đạo Thạnh',
			'31000',
			'2024',
			'Sở KH&CN; điều tra 2024'
		]);
		expect(rows[2]).toEqual([units[1]!.code, units[1]!.name, '', '', '']);
		expect(rows[104]).toEqual(['82', 'Tỉnh Đồng Tháp', '3100000', '2025', 'Cục Thống kê']);
		expect(baselineTemplate(areas, [], 'en').split('\r\n')[0]).toBe(
			'\uFEFFArea code,Area name,Estimated Internet users,Year of the figure,Source'
		);
	});

	it('comes back as the same figures once filled in and saved by Excel in vi-VN', () => {
		const rows = parse(baselineTemplate(areas, known, 'vi'), { bom: true }) as string[][];
		const filled = rows.map((row, i) =>
			i === 0 || row[2] !== ''
				? row
				: [row[0]!, row[1]!, (1_000 + i).toLocaleString('vi-VN'), '2025', `Nguồn ${i}`]
		);
		const saved = '\uFEFF' + stringify(filled, { delimiter: ';', record_delimiter: 'windows' });
		const result = parseBaselineCsv(saved, areas, known, years);
		expect(result.problems).toEqual([]);
		expect(result.toSave).toHaveLength(104);
		expect(result.toSave[0]).toMatchObject({ users: 31_000, year: 2024 });
		expect(result.toSave[1]).toMatchObject({ users: 1_002, year: 2025, source: 'Nguồn 2' });
		expect(result.toSave[102]).toMatchObject({ key: 'district:866', users: 1_103 });
		expect(result.toSave[103]).toMatchObject({ key: 'province', users: 3_100_000 });
		const unchanged = parseBaselineCsv(baselineTemplate(areas, known, 'en'), areas, [], years);
		expect(unchanged.toSave.map((r) => [r.key, r.year, r.users, r.source])).toEqual([
			[areas[0]!.key, 2024, 31_000, 'Sở KH&CN; điều tra 2024'],
			['province', 2025, 3_100_000, 'Cục Thống kê']
		]);
	});

	it('defuses a formula typed into a name or a source', () => {
		const evil = [{ key: 'x', code: '1', name: '=HYPERLINK("http://evil.example","x")' }];
		const csv = baselineTemplate(
			evil,
			[{ key: 'x', year: 2025, users: 5, source: '@SUM(A1)' }],
			'vi'
		);
		expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
		expect(csv).toContain("'@SUM(A1)");
		expect(csv).not.toMatch(/(^|,)"?[=+@-]/m);
	});
});
