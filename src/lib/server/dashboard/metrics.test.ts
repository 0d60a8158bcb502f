import { describe, expect, it } from 'vitest';
import { gaps } from './metrics';

describe('dashboard figures', () => {
	it('give the gap to 80% (2025) and 90% (2030) and the monthly pace still possible', () => {
		const [by2025, by2030] = gaps(500, 1000, '2026-11-26');
		expect(by2025).toEqual({
			share: 0.8,
			deadline: '2025-12-31',
			gap: 300,
			passed: true,
			perMonth: null
		});
		// 400 people in the 50 months from Nov 2026 to Dec 2030 (both counted): 8 a month.
		expect(by2030).toEqual({
			share: 0.9,
			deadline: '2030-12-31',
			gap: 400,
			passed: false,
			perMonth: 8
		});
	});

	it('say a target is met, and say nothing without a baseline', () => {
		expect(gaps(950, 1000, '2026-01-15').map((g) => g.gap)).toEqual([0, 0]);
		expect(gaps(950, null, '2026-01-15').map((g) => g.gap)).toEqual([null, null]);
	});
});
