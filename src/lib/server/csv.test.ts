import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

/** The fields Excel sees with `separator` as its list separator (vi-VN often has `;`). */
function excelFields(line: string, separator: string): string[] {
	const fields: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const ch = line[i]!;
		if (ch === '"' && quoted && line[i + 1] === '"') {
			field += '"';
			i++;
		} else if (ch === '"') quoted = !quoted;
		else if (ch === separator && !quoted) {
			fields.push(field);
			field = '';
		} else field += ch;
	}
	return [...fields, field];
}

describe('CSV exports', () => {
	it('starts with a BOM, ends lines with CRLF and keeps Vietnamese text as it is', () => {
		expect(toCsv([['Huyện Tháp Mười', 12]])).toBe('\uFEFFHuyện Tháp Mười,12\r\n');
	});

	it('defuses cells Excel would run as formulas, and leaves numbers alone', () => {
		const csv = toCsv([['=HYPERLINK("http://evil.example","x")', '+1', '@SUM(A1)', '-1+2', -3]]);
		expect(csv).not.toMatch(/(^|,)"?[=+@]/m);
		expect(csv).toContain("'=HYPERLINK");
		expect(csv).toContain(",'-1+2,");
		expect(csv.trim().endsWith(',-3')).toBe(true);
		expect(toCsv([['\t=1+1', '\r=1+1']])).toBe('\uFEFF"\'\t=1+1","\'\r=1+1"\r\n');
	});

	it('quotes every field with a comma, semicolon, tab, quote or line break, and only those', () => {
		expect(
			toCsv([['Chiến dịch A; B', 'a,b', 'a\tb', 'nói "không"', 'a\r\nb', 'Tháp Mười', 7]])
		).toBe('\uFEFF"Chiến dịch A; B","a,b","a\tb","nói ""không""","a\r\nb",Tháp Mười,7\r\n');
	});

	it('keeps a title in one cell whatever list separator Excel uses, so no formula escapes', () => {
		const title = "Tuần lễ;=cmd|' /C calc'!A0";
		const line = toCsv([[title, 12]]).slice(1, -2);
		expect(excelFields(line, ',')).toEqual([title, '12']);
		// With `;` the comma-separated line is one cell: the semicolon in the title splits nothing.
		expect(excelFields(line, ';')).toEqual([`${title},12`]);
	});
});
