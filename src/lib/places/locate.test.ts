import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { placeAt, type Boundaries } from './locate';

const boundaries = JSON.parse(
	readFileSync('content/regions/dong-thap-2026.geojson', 'utf8')
) as Boundaries;

type Ring = number[][];

/**
 * A point surely inside a polygon, computed from its rings: on the horizontal line through the middle
 * of its extent, the midpoint of the widest stretch between two crossings of its edges (even-odd).
 */
function interiorPoint(rings: Ring[]): [number, number] {
	const ys = rings.flat().map((p) => p[1]!);
	const y = (Math.min(...ys) + Math.max(...ys)) / 2;
	const xs: number[] = [];
	for (const ring of rings) {
		for (let i = 0; i < ring.length - 1; i++) {
			const [x1, y1] = ring[i]! as [number, number];
			const [x2, y2] = ring[i + 1]! as [number, number];
			if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
		}
	}
	xs.sort((a, b) => a - b);
	let best: [number, number] = [0, 0];
	for (let i = 0; i + 1 < xs.length; i += 2) {
		if (xs[i + 1]! - xs[i]! > best[1] - best[0]) best = [xs[i]!, xs[i + 1]!];
	}
	return [(best[0] + best[1]) / 2, y];
}

const pointIn = (code: string) => {
	const feature = boundaries.features.find((f) => f.properties.code === code)!;
	return interiorPoint((feature.geometry as { coordinates: Ring[] }).coordinates);
};

describe('placeAt', () => {
	it('finds Phường Mỹ Tho and Xã Mỹ Thọ from points inside them', () => {
		expect(placeAt(boundaries, ...pointIn('28261'))).toBe('28261');
		expect(placeAt(boundaries, ...pointIn('30076'))).toBe('30076');
	});

	it('finds every one of the 102 units from a point inside it', () => {
		const wrong = boundaries.features
			.map((f) => f.properties.code)
			.filter((code) => placeAt(boundaries, ...pointIn(code)) !== code);
		expect(boundaries.features).toHaveLength(102);
		expect(wrong).toEqual([]);
	});

	it('says null outside the province and for no position at all', () => {
		// Bến Thành market, Hồ Chí Minh City: 10.7725° N, 106.6980° E.
		expect(placeAt(boundaries, 106.698, 10.7725)).toBeNull();
		expect(placeAt(boundaries, 0, 0)).toBeNull();
		expect(placeAt(boundaries, Number.NaN, 10.4)).toBeNull();
	});
});
