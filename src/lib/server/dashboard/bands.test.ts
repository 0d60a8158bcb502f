import { describe, expect, it } from 'vitest';
import { palettes, quantileBands } from './bands';

/** WCAG relative luminance contrast of two #rrggbb colours. */
function contrast(a: string, b: string): number {
	const lum = (hex: string) => {
		const [r, g, bl] = [1, 3, 5].map((i) => {
			const c = parseInt(hex.slice(i, i + 2), 16) / 255;
			return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
		}) as [number, number, number];
		return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
	};
	const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
	return (hi + 0.05) / (lo + 0.05);
}

/** Reach as it looks early on: most units between 0 and 5%, a long tail, two far ahead. */
const skewed = [
	...Array.from({ length: 60 }, (_, i) => Math.round(((i * i) / 3600) * 50) / 10),
	35,
	62
];

describe('map bands', () => {
	it('cut skewed figures into 5 quantile classes of about equal size, in real ranges', () => {
		const { bands, colours, classOf } = quantileBands(skewed);
		expect(bands).toHaveLength(5);
		expect(colours).toEqual(palettes[5]);
		expect(bands.reduce((s, b) => s + b.count, 0)).toBe(skewed.length);
		for (const b of bands) expect(b.count).toBeGreaterThanOrEqual(10);
		for (const [i, b] of bands.entries()) {
			expect(skewed).toContain(b.lo);
			expect(skewed).toContain(b.hi);
			if (i) expect(b.lo).toBeGreaterThan(bands[i - 1]!.hi);
		}
		expect(bands[0]!.lo).toBe(0);
		expect(bands[4]!.hi).toBe(62);
		expect(classOf(0)).toBe(0);
		expect(classOf(35)).toBe(4);
		expect(classOf(62)).toBe(4);
	});

	it('give a value most units share (0%) a class of its own and cut the rest around it', () => {
		const values = [
			...Array(40).fill(0),
			0.2,
			0.3,
			0.5,
			0.8,
			1.1,
			1.5,
			2,
			2.4,
			3,
			4.1,
			4.8,
			35,
			62
		];
		const { bands } = quantileBands(values);
		expect(bands[0]).toEqual({ lo: 0, hi: 0, count: 40 });
		expect(bands).toHaveLength(5);
		expect(bands.slice(1).map((b) => b.count)).toEqual([3, 3, 3, 4]);
	});

	it('make one class per value when there are fewer distinct values than classes', () => {
		const { bands, colours } = quantileBands([1.2, 0.4, 0.4, null, 2, 1.2]);
		expect(bands).toEqual([
			{ lo: 0.4, hi: 0.4, count: 2 },
			{ lo: 1.2, hi: 1.2, count: 2 },
			{ lo: 2, hi: 2, count: 1 }
		]);
		expect(colours).toEqual(palettes[3]);
	});

	it('make a single class when every figure is equal, or there is one unit', () => {
		expect(quantileBands([3.2, 3.2, 3.2]).bands).toEqual([{ lo: 3.2, hi: 3.2, count: 3 }]);
		expect(quantileBands([null, 1.5]).bands).toEqual([{ lo: 1.5, hi: 1.5, count: 1 }]);
		expect(quantileBands([1.5]).colours).toEqual(palettes[1]);
	});

	it('make no class when no unit has a figure', () => {
		const { bands, colours, classOf } = quantileBands([null, null]);
		expect(bands).toEqual([]);
		expect(colours).toEqual([]);
		expect(classOf(null)).toBeNull();
	});

	it('never class a unit without a figure, whatever the others are', () => {
		const { classOf } = quantileBands([null, 0, 0, 5, null]);
		expect(classOf(null)).toBeNull();
		expect(classOf(0)).toBe(0);
	});

	it('use palettes with even contrast steps, the lightest visible on white', () => {
		const least = { 2: 3, 3: 3, 4: 2.1, 5: 1.8 } as Record<number, number>;
		for (const k of [2, 3, 4, 5]) {
			const p = palettes[k]!;
			expect(p).toHaveLength(k);
			expect(contrast(p[0]!, '#ffffff')).toBeGreaterThanOrEqual(1.3);
			for (let i = 1; i < k; i++)
				expect(contrast(p[i]!, p[i - 1]!), `${k} classes`).toBeGreaterThanOrEqual(least[k]!);
		}
		expect(contrast(palettes[1]![0]!, '#ffffff')).toBeGreaterThanOrEqual(3);
	});
});
