import { describe, expect, it } from 'vitest';
import { addMonths, lastCompleteMonth, projectFrom } from './outlook';

describe('the outlook', () => {
	it('takes the pace over months complete by the day the figures count to', () => {
		expect(lastCompleteMonth('2026-12-01')).toBe('2026-11');
		expect(lastCompleteMonth('2026-11-30')).toBe('2026-11');
		expect(lastCompleteMonth('2024-02-29')).toBe('2024-02');
		expect(lastCompleteMonth('2026-01-15')).toBe('2025-12');
		expect(addMonths('2026-11', 3)).toBe('2027-02');
		expect(addMonths('2026-01', -1)).toBe('2025-12');
	});

	it('says when the gap closes at the recent pace, counting from the month after it', () => {
		// 300 left at 100 a month from December 2026: December, January, February.
		expect(projectFrom(300, 100, '2026-11')).toEqual({ kind: 'month', month: '2027-02' });
		expect(projectFrom(301, 100, '2026-11')).toEqual({ kind: 'month', month: '2027-03' });
		expect(projectFrom(100_000, 100, '2026-11')).toEqual({ kind: 'notByDeadline' });
		expect(projectFrom(0, 100, '2026-11')).toEqual({ kind: 'met' });
		expect(projectFrom(300, 0, '2026-11')).toEqual({ kind: 'noPace' });
		expect(projectFrom(300, null, '2026-11')).toEqual({ kind: 'noPace' });
		expect(projectFrom(null, 100, '2026-11')).toEqual({ kind: 'noGap' });
	});
});
