import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { interiorPoint, type Ring } from './interior-point.test-helper';
import { placeAt, type Boundaries } from './locate';

const boundaries = JSON.parse(
	readFileSync('content/regions/dong-thap-2026.geojson', 'utf8')
) as Boundaries;

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
