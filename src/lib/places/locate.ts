import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** A region set's boundaries as shipped in content/regions/<set>.geojson. */
export type Boundaries = FeatureCollection<Polygon | MultiPolygon, { code: string }>;

/**
 * The code of the unit whose boundary holds the point (WGS 84 degrees), or null outside them all.
 * Turf tests on the plane and ignores winding, so the files' RFC 7946 rings need no fix (d3-geo's
 * spherical geoContains would), and at commune scale the plane is exact enough.
 */
export function placeAt(boundaries: Boundaries, lon: number, lat: number): string | null {
	if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
	const found = boundaries.features.find((f) => booleanPointInPolygon([lon, lat], f));
	return found?.properties.code ?? null;
}
