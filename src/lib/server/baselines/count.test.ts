import { describe, expect, it } from 'vitest';
import { readCount } from './count';

describe('reading a count of people', () => {
	it.each([
		['120000', 120_000],
		['120.000', 120_000],
		['1.250.000', 1_250_000],
		['120 000', 120_000],
		['120\u00A0000', 120_000],
		['1\u202F250\u202F000', 1_250_000],
		['120,000', 120_000],
		['1,250,000', 1_250_000],
		[' 98 ', 98],
		['-1.200', -1_200]
	])('reads %j as %d', (typed, count) => {
		expect(readCount(typed)).toBe(count);
	});

	it('reads a dot or comma before exactly three digits as thousands, never as decimals', () => {
		expect(readCount('1.250')).toBe(1_250);
		expect(readCount('1,250')).toBe(1_250);
	});

	it.each([
		'120,5',
		'120.5',
		'1.250,5',
		'1,250.00',
		'1.250,000',
		'1.250 000',
		'12.00',
		'1.2.3',
		'120 00',
		'1234.567',
		'.250',
		'1e6',
		'+120',
		'12O',
		'',
		'-'
	])('refuses %j', (typed) => {
		expect(readCount(typed)).toBeUndefined();
	});
});
