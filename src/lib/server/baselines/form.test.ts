import { describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n';
import { readFigureForm } from './form';

const { t } = createI18n('vi');
const areas = new Set(['province', 'dong-thap-2026:28249']);
const range = { minYear: 2020, maxYear: 2027 };
const read = (fields: Record<string, string>) => {
	const form = new FormData();
	const all = { region: 'province', year: '2025', users: '120000', source: 'Sở KH&CN', ...fields };
	for (const [k, v] of Object.entries(all)) form.set(k, v);
	return readFigureForm(form, areas, t, range);
};
const errors = (fields: Record<string, string>) => {
	const result = read(fields);
	return 'form' in result ? result.form.errors : {};
};

describe('the single baseline form', () => {
	it('reads a count as the file does: 120.000 and 1.250.000 are thousands', () => {
		expect(read({ users: '120.000' })).toEqual({
			figure: { area: 'province', year: 2025, users: 120_000, source: 'Sở KH&CN', isDemo: false }
		});
		expect(read({ users: ' 1.250.000 ', demo: 'yes' })).toMatchObject({
			figure: { users: 1_250_000, isDemo: true }
		});
		for (const users of ['120,5', '0', '-100', '10.000.001', '1e5', 'x', ''])
			expect(errors({ users }), users).toHaveProperty('users');
		expect(errors({ users: '10.000.001' }).users).toContain('10.000.000');
	});

	it('takes years 2020 to next year and a source of up to 500 characters', () => {
		expect(errors({ year: '2020' })).toEqual({});
		expect(errors({ year: '2027' })).toEqual({});
		expect(errors({ year: '2019' }).year).toBe('Năm phải là năm có 4 chữ số, từ 2020 đến 2027.');
		expect(errors({ year: '2028' })).toHaveProperty('year');
		expect(errors({ source: 'x'.repeat(500) })).toEqual({});
		expect(errors({ source: 'x'.repeat(501) }).source).toContain('500');
		expect(errors({ source: '   ' }).source).toBe('Hãy ghi nguồn số liệu.');
		expect(errors({ source: 'Sở\u202Ephản' })).toHaveProperty('source');
	});

	it('lists every problem at once and keeps what was typed', () => {
		const result = read({ region: 'nowhere', year: '25', users: 'abc', source: '', demo: 'true' });
		expect(result).toEqual({
			form: {
				values: { region: 'nowhere', year: '25', users: 'abc', source: '', demo: false },
				errors: {
					region: expect.any(String),
					year: expect.any(String),
					users: expect.any(String),
					source: expect.any(String),
					demo: expect.any(String)
				}
			}
		});
	});
});
