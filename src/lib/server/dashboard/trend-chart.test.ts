import { describe, expect, it } from 'vitest';
import { periodMonth, trendChart } from './trend-chart';

describe('the trend chart', () => {
	it('places each period at its last month, or at the day counted to while it runs', () => {
		expect(periodMonth('2026-Q2', 'quarter', '2026-12-01')).toBe('2026-06');
		expect(periodMonth('2026-Q4', 'quarter', '2026-11-15')).toBe('2026-11');
		expect(periodMonth('2025', 'year', '2026-12-01')).toBe('2025-12');
		expect(periodMonth('2026-03', 'month', '2026-12-01')).toBe('2026-03');
	});

	it('draws every shown figure, breaks the line at a hidden one, and heads for 90% in 2030', () => {
		const rows = [
			{ period: '2026-01', reached: null },
			{ period: '2026-02', reached: 20 },
			{ period: '2026-03', reached: 40 }
		];
		const chart = trendChart(rows, 'month', '2026-03-31', 1000);
		expect(chart.points.map((p) => [p.period, p.value])).toEqual([
			['2026-02', 20],
			['2026-03', 40]
		]);
		expect(chart.line.match(/M/g)).toHaveLength(1);
		expect(chart.levels.map((l) => [l.pct, l.value])).toEqual([
			[80, 800],
			[90, 900]
		]);
		expect(chart.needed!.to).toMatchObject({ x: 100, value: 900, month: '2030-12' });
		expect(chart.xTicks[0]).toEqual({ year: '2026', x: 0 });
		// Heights: 0 at the bottom (100), the top of the scale at 0.
		expect(chart.points.every((p) => p.y > 0 && p.y < 100)).toBe(true);
	});

	it('has no target line without a baseline', () => {
		const chart = trendChart([{ period: '2026', reached: 15 }], 'year', '2026-12-01', null);
		expect([chart.levels, chart.needed]).toEqual([[], null]);
	});
});
