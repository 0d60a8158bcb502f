import { describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n';
import { dateLine, documentFields } from './document';
import { monthSeries } from './series';

const vi = createI18n('vi').t;
const en = createI18n('en').t;
const defaults = { signer: 'NGƯỜI LẬP BÁO CÁO', recipients: ['UBND tỉnh;', 'Lưu: VT.'] };

describe('the date line', () => {
	it('pads days under 10 and the months 1 and 2, as Decree 30/2020 writes them', () => {
		expect(dateLine('Đồng Tháp', '2026-02-05', 2026, 'vi', vi)).toBe(
			'Đồng Tháp, ngày 05 tháng 02 năm 2026'
		);
		expect(dateLine('Đồng Tháp', '2026-12-15', 2026, 'vi', vi)).toBe(
			'Đồng Tháp, ngày 15 tháng 12 năm 2026'
		);
		expect(dateLine('Đồng Tháp', '2026-03-09', 2026, 'en', en)).toBe('Đồng Tháp, 9 March 2026');
	});

	it('leaves blanks to write in when no day is given', () => {
		expect(dateLine('Đồng Tháp', '', 2026, 'vi', vi)).toMatch(
			/^Đồng Tháp, ngày\s+tháng\s+năm 2026$/
		);
	});
});

describe('what the analyst fills in', () => {
	it('keeps a short number and a real day, and the defaults when nothing is typed', () => {
		const q = new URLSearchParams({ number: '15', day: '2026-12-05' });
		expect(documentFields(q, defaults)).toEqual({
			number: '15',
			day: '2026-12-05',
			...defaults
		});
	});

	it('drops a number too long to print, an impossible day and empty recipient lines', () => {
		const q = new URLSearchParams({
			number: '1234567890123',
			day: '2026-02-30',
			recipients: 'Sở Tài chính;\n\n  \nLưu: VT.'
		});
		const f = documentFields(q, defaults);
		expect([f.number, f.day, f.recipients]).toEqual(['', '', ['Sở Tài chính;', 'Lưu: VT.']]);
	});
});

describe('the months of a report', () => {
	const rows = [
		{ period: '2025-11', reached: 11, skilled: 10 },
		{ period: '2026-03', reached: 25, skilled: 13 }
	] as Parameters<typeof monthSeries>[0];

	it('carries the running total through months without newcomers, up to the report day', () => {
		const months = monthSeries(rows, 2026, '2026-04-10', { reached: 25, skilled: 13 });
		expect(months.map((m) => [m.month, m.reached])).toEqual([
			['2026-01', 11],
			['2026-02', 11],
			['2026-03', 25],
			['2026-04', 25]
		]);
	});

	it('hides the whole series when the scope’s own total is hidden', () => {
		const months = monthSeries(rows, 2026, '2026-12-31', { reached: null, skilled: 13 });
		expect(months).toHaveLength(12);
		expect(months.every((m) => m.reached === null && m.skilled !== null)).toBe(true);
	});
});
