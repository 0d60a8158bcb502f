import { describe, expect, it } from 'vitest';
import {
	lastClosableYear,
	lastCompleteDay,
	provinceDay,
	provinceMoment,
	provinceStamp
} from './dates';

describe('province time (UTC+7)', () => {
	// 17:30 UTC on 1 December is 00:30 on 2 December in the province.
	const at = Date.UTC(2026, 11, 1, 17, 30);

	it('puts an instant on the province calendar', () => {
		expect(provinceDay(at)).toBe('2026-12-02');
		expect(lastCompleteDay(at)).toBe('2026-12-01');
	});

	it('writes a moment as staff read it, with the zone named, in each language', () => {
		expect(provinceMoment(at, 'vi')).toBe('00:30, 02/12/2026 (UTC+7)');
		expect(provinceMoment(new Date(at), 'en')).toBe('02 Dec 2026, 00:30 (UTC+7)');
	});

	it('lets a year be closed from 01:00 on 1 January, province time', () => {
		expect(lastClosableYear(Date.UTC(2025, 11, 31, 17, 59, 59))).toBe(2024);
		expect(lastClosableYear(Date.UTC(2025, 11, 31, 18))).toBe(2025);
	});

	it('stamps the audit log to the second in province time', () => {
		expect(provinceStamp(at + 5_000)).toBe('2026-12-02 00:30:05');
	});
});
