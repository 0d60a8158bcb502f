import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('CSV exports', () => {
	it('starts with a BOM, ends lines with CRLF and keeps Vietnamese text as it is', () => {
		expect(toCsv([['Huyện Tháp Mười', 12]])).toBe('\uFEFFHuyện Tháp Mười,12\r\n');
	});

	it('defuses cells Excel would run as formulas, and leaves numbers alone', () => {
		const csv = toCsv([['=HYPERLINK("http://evil.example","x")', '+1', '@SUM(A1)', -3]]);
		expect(csv).not.toMatch(/(^|,)"?[=+@]/m);
		expect(csv).toContain("'=HYPERLINK");
		expect(csv.trim().endsWith(',-3')).toBe(true);
	});
});
