import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import communes from '../../../../content/regions/dong-thap-2026.json';
import districts from '../../../../content/regions/dong-thap-2022.json';
import { choropleth, type MapInput } from './map';
import { CompactPath } from './svg-path';

const figure = (pct: number | null) => (pct === null ? 'chưa có số liệu' : `${pct}%`);
const inputs = (units: { code: string; name: string }[], pct: (i: number) => number | null) =>
	units.map((u, i): MapInput => ({
		code: u.code,
		name: u.name,
		pct: pct(i),
		figure: figure(pct(i))
	}));

describe('the reach map', () => {
	it('draws all 102 communes and wards, light enough to send to a phone', () => {
		const map = choropleth(
			'dong-thap-2026',
			inputs(communes.units, (i) => (i % 3 ? (i % 7) / 2 : null)),
			'vi'
		)!;
		expect(map.units).toHaveLength(102);
		expect(map.width).toBe(800);
		const paths = map.units.map((u) => u.path).join('');
		expect(paths).not.toMatch(/\d\.\d\d/);
		expect(gzipSync(paths).length).toBeLessThan(30_000);
		for (const u of map.units) {
			expect(u.path).toMatch(/^m[\d.]+[ -][\d.]+l/);
			// Wound the right way round: each unit is inside the map, not the whole globe around it.
			expect(u.x).toBeGreaterThan(0);
			expect(u.x).toBeLessThan(map.width);
			expect(u.y).toBeGreaterThan(0);
			expect(u.y).toBeLessThan(map.height);
		}
		const names = map.units.map((u) => u.name);
		expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
	});

	it('draws the 12 districts of 2022 too, and nothing for a set without boundaries', () => {
		const map = choropleth(
			'dong-thap-2022',
			inputs(districts.units, () => 12),
			'en'
		)!;
		expect(map.units).toHaveLength(12);
		expect(map.legend).toEqual([{ colour: expect.any(String), range: '12%', count: 12 }]);
		expect(map.ranges).toBe(false);
		expect(map.height).toBeGreaterThan(map.width * 0.8);
		expect(
			choropleth(
				'nowhere-2030',
				inputs(districts.units, () => 1),
				'vi'
			)
		).toBeNull();
	});

	it('never colours a unit without a figure, and counts those in the legend apart', () => {
		const map = choropleth(
			'dong-thap-2022',
			inputs(districts.units, (i) => (i < 4 ? null : i)),
			'vi'
		)!;
		const blank = map.units.filter((u) => u.pct === null);
		expect(blank).toHaveLength(4);
		for (const u of blank) expect(u.colour).toBeNull();
		expect(map.noFigure).toBe(4);
		expect(map.legend.reduce((s, b) => s + b.count, 0)).toBe(8);
		const none = choropleth(
			'dong-thap-2022',
			inputs(districts.units, () => null),
			'vi'
		)!;
		expect(none.legend).toEqual([]);
		expect(none.units.every((u) => u.colour === null)).toBe(true);
	});

	it('writes legend ranges as each language does', () => {
		const pcts = [0.4, 0.8, 1.2, 2.5, 3.1, 4.4, 5.6, 6.2, 7.3, 8.8, 9.1, 12.5];
		const range = (locale: 'vi' | 'en') =>
			choropleth(
				'dong-thap-2022',
				inputs(districts.units, (i) => pcts[i]!),
				locale
			)!.legend.map((b) => b.range);
		expect(range('vi')).toEqual(['0,4–1,2%', '2,5–3,1%', '4,4–5,6%', '6,2–7,3%', '8,8–12,5%']);
		expect(
			choropleth(
				'dong-thap-2022',
				inputs(districts.units, (i) => pcts[i]!),
				'vi'
			)!.ranges
		).toBe(true);
		expect(range('en')).toEqual(['0.4–1.2%', '2.5–3.1%', '4.4–5.6%', '6.2–7.3%', '8.8–12.5%']);
	});

	it('marks units at the plan targets, the highest one reached', () => {
		const map = choropleth(
			'dong-thap-2022',
			inputs(districts.units, (i) => [79.9, 80, 89.9, 90, 130][i] ?? 10),
			'vi'
		)!;
		const at = (pct: number) => map.units.find((u) => u.pct === pct)!.target;
		expect([79.9, 80, 89.9, 90, 130].map(at)).toEqual([null, 80, 80, 90, 90]);
		expect(map.reachedTargets).toEqual([
			{ pct: 80, year: '2025', count: 2 },
			{ pct: 90, year: '2030', count: 2 }
		]);
	});
});

describe('compact SVG paths', () => {
	it('round to tenths, step relatively without drift, and skip repeated points', () => {
		const p = new CompactPath();
		p.moveTo(10.04, 20.06);
		p.lineTo(10.01, 20.09);
		p.lineTo(10.35, 19.5);
		p.lineTo(9.95, 20.55);
		p.closePath();
		p.moveTo(12, 20.1);
		p.lineTo(12.2, 20.1);
		expect(p.take()).toBe('m10 20.1l.4-.6-.4 1.1zm2 0l.2 0');
		expect(p.take()).toBe('');
	});
});
