import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n';
import type { Baseline } from '../db/schema';
import type { BaselineUnit } from './csv';
import { baselinePreview } from './preview';

const region = JSON.parse(readFileSync('content/regions/dong-thap-2026.json', 'utf8')) as {
	units: { code: string; name: string }[];
};
const units: BaselineUnit[] = region.units.map((u) => ({
	key: `dong-thap-2026:${u.code}`,
	code: u.code,
	name: u.name
}));
const saved = (key: string, year: number, users: number, source = 'x'): Baseline => ({
	area: key,
	year,
	internetUsers: users,
	source,
	isDemo: false,
	enteredBy: null,
	enteredAt: new Date()
});
const file = (lines: string[]) =>
	[
		'Mã địa bàn;Tên địa bàn;Số người dùng Internet ước tính;Năm số liệu;Nguồn số liệu',
		...lines
	].join('\r\n');
const i18n = { t: createI18n('vi').t, locale: 'vi' as const };
const preview = (text: string, known: Baseline[] = [], demo = false) =>
	baselinePreview({ text, fileName: 'C:\\Users\\x\\so-lieu.csv', demo }, units, known, i18n)
		.preview;
const [a, b, c] = units;

describe('the preview of an upload', () => {
	it('shows each problem beside its line and in the list, with nothing to save', () => {
		const p = preview(
			file([`99999;Xã Không Có;1.250;2025;x`, `${a!.code};;-5;2025;x`, `${b!.code};;1.250;2025;`])
		);
		expect(p.problems.map((x) => x.line)).toEqual([2, 3, 4]);
		expect(p.problems[0]!.message).toContain('Dòng 2');
		expect(p.lines.map((l) => [l.line, l.status, l.name, l.users])).toEqual([
			[2, 'problem', 'Xã Không Có', '1.250'],
			[3, 'problem', a!.name, '-5'],
			[4, 'problem', b!.name, '1.250']
		]);
		expect(p.lines[1]!.problems).toEqual([p.problems[1]!.message]);
		expect(p.counts.toSave).toBe(0);
		expect(p.fileName).toBe('so-lieu.csv');
	});

	it('says what saving does to each line, in the page language', () => {
		const known = [saved(a!.key, 2025, 1_000), saved(b!.key, 2025, 2_000), saved(c!.key, 2024, 10)];
		const p = preview(
			file([
				`${a!.code};;1.000;2025;x`,
				`${b!.code};;2.500;2025;x`,
				`${c!.code};;4.000;2025;x`,
				`${units[3]!.code};;;;`
			]),
			known
		);
		expect(p.problems).toEqual([]);
		expect(p.lines.map((l) => [l.status, l.users, l.previous])).toEqual([
			['same', '1.000', null],
			['replaces', '2.500', '2.000'],
			['new', '4.000', null]
		]);
		expect(p.counts).toEqual({ new: 1, replaces: 1, same: 1, toSave: 2 });
		expect(p.skipped).toBe(1);
		// 4.000 against 10 in 2024: flagged for a check.
		expect(p.flags.map((f) => f.line)).toEqual([4]);
		expect(p.flagged).toBe('4');
		expect(p.lines[2]!.flags[0]).toContain('4.000');
	});

	it('does not ask again about an unchanged figure, and reads the same text when posted back', () => {
		const known = [saved(a!.key, 2023, 100), saved(a!.key, 2025, 1_000)];
		const text = file([`${a!.code};;1.000;2025;x`]);
		const first = preview(text, known);
		expect(first.flags).toEqual([]);
		expect(first.text).not.toContain('\r');
		expect(preview(first.text.replace(/\n/g, '\r\n'), known)).toEqual(first);
	});

	it('shows no lines for a file it cannot read, only why', () => {
		const p = preview('code;users\n1;2\n');
		expect(p.lines).toEqual([]);
		expect(p.problems).toEqual([{ line: 1, message: expect.stringContaining('Dòng 1') }]);
	});
});
