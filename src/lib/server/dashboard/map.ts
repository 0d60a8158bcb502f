import { geoArea, geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';

/** Simplified boundaries shipped with each region set (content/regions/<set>.geojson), bundled at build. */
const maps = import.meta.glob('/content/regions/*.geojson', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

interface Feature {
	type: 'Feature';
	properties: { code: string; name?: string };
	geometry: GeoPermissibleObjects;
}

export interface MapArea {
	code: string;
	path: string;
	/** 0–6: the colour step of the area's reach, or null when it has no figure to show. */
	step: number | null;
	label: string;
}

type Ring = [number, number][];

/**
 * d3-geo reads polygons on the sphere, where a ring's winding decides its inside; files following
 * RFC 7946 wind the other way, which d3 would read as "the whole Earth but this district". Reverse those.
 */
function rewind(feature: Feature): Feature {
	if (geoArea(feature as unknown as GeoPermissibleObjects) <= 2 * Math.PI) return feature;
	const g = feature.geometry as { type: string; coordinates: Ring[] | Ring[][] };
	const coordinates =
		g.type === 'Polygon'
			? (g.coordinates as Ring[]).map((ring) => [...ring].reverse())
			: (g.coordinates as Ring[][]).map((polygon) => polygon.map((ring) => [...ring].reverse()));
	return { ...feature, geometry: { ...g, coordinates } as unknown as GeoPermissibleObjects };
}

/** Reach steps, in percent of Internet users; the plan's targets (80, 90) are step edges. */
export const steps = [0, 20, 40, 60, 80, 90] as const;

export function stepOf(pct: number | null): number | null {
	if (pct === null) return null;
	let step = 0;
	steps.forEach((edge, i) => {
		if (pct >= edge) step = i;
	});
	return step;
}

/**
 * A choropleth of the active region set, drawn on the server as SVG paths (nothing to download on the
 * phone but the paths themselves). Null when the set ships no map.
 */
export function choropleth(
	setCode: string,
	areas: { code: string; pct: number | null; label: string }[],
	width = 360
) {
	const raw = maps[`/content/regions/${setCode}.geojson`];
	if (!raw) return null;
	const all = JSON.parse(raw) as { features: Feature[] };
	const features = all.features
		.filter((f) => areas.some((a) => a.code === f.properties.code))
		.map(rewind);
	if (!features.length) return null;
	const collection = { type: 'FeatureCollection', features } as GeoPermissibleObjects;
	const projection = geoMercator().fitWidth(width, collection);
	const path = geoPath(projection);
	const [[, y0], [, y1]] = path.bounds(collection);
	const height = Math.ceil(y1 - y0) + 2;
	projection.fitSize([width, height], collection);
	return {
		width,
		height,
		areas: features.map((f): MapArea => {
			const area = areas.find((a) => a.code === f.properties.code)!;
			return {
				code: area.code,
				path: path(f.geometry) ?? '',
				step: stepOf(area.pct),
				label: area.label
			};
		})
	};
}
