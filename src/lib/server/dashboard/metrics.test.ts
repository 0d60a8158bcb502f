import { describe, expect, it } from 'vitest';
import { gaps, shown } from './metrics';

describe('dashboard figures', () => {
	it('hide counts of 1 to 9 people, keep 0 and 10 or more', () => {
		expect([0, 1, 9, 10, 12345].map(shown)).toEqual([0, null, null, 10, 12345]);
	});

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

describe('suppression across a column', () => {
	it('hides 1–9, and a second cell when only one would be hidden (no working back from the total)', async () => {
		const { suppressColumn } = await import('./metrics');
		expect(suppressColumn([120, 4, 0, 35, 60])).toEqual([120, null, 0, null, 60]);
		expect(suppressColumn([120, 4, 7, 35])).toEqual([120, null, null, 35]);
		expect(suppressColumn([120, 40, 0])).toEqual([120, 40, 0]);
	});

	it('hides reach % and the gaps of an area whose count is hidden; a headline shows its own count', async () => {
		const { presentAreas, headline } = await import('./metrics');
		const base = (users: number) => ({ users, year: 2026, source: 'test', isDemo: true });
		const raw = [
			{
				id: 'a',
				name: 'A',
				reached: 5,
				skilled: 0,
				inPersonVerified: 0,
				selfReported: 0,
				baseline: base(100)
			},
			{
				id: 'b',
				name: 'B',
				reached: 50,
				skilled: 12,
				inPersonVerified: 0,
				selfReported: 0,
				baseline: base(100)
			},
			{
				id: 'c',
				name: 'C',
				reached: 70,
				skilled: 30,
				inPersonVerified: 0,
				selfReported: 0,
				baseline: base(100)
			}
		];
		const [a, b, c] = presentAreas(raw, '2026-11-26');
		expect([a!.reached, a!.reachPct, a!.targets[1]!.gap, a!.targets[1]!.hidden]).toEqual([
			null,
			null,
			null,
			true
		]);
		expect([b!.reached, b!.reachPct, c!.reached]).toEqual([null, null, 70]);
		expect(b!.skilled).toBe(12);
		// The province counts distinct people itself (here fewer than the units' sum: one moved).
		const province = headline(
			{ ...raw[2]!, id: 'province', reached: 121, skilled: 42, baseline: base(300) },
			'2026-11-26'
		);
		expect([province.reached, province.skilled, province.reachPct]).toEqual([121, 42, 40.3]);
		expect(headline({ ...raw[0]!, id: 'province' }, '2026-11-26').reached).toBeNull();
	});
});
