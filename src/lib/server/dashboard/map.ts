import { geoArea, geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import type { Locale } from '$lib/content/vocabulary';
import { formatPctRange } from '$lib/format';
import { quantileBands } from './bands';
import { targets } from './metrics';
import { CompactPath } from './svg-path';

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

/** What the map is fed: one unit of the active set, its reach %, and that figure as people read it. */
export interface MapInput {
	code: string;
	name: string;
	/** Null without a figure: no baseline, or hidden because fewer than the minimum group. */
	pct: number | null;
	/** "3,2%", "chưa có số liệu", "ẩn (ít người)": what the unit's label says after its name. */
	figure: string;
}

export interface MapUnit extends MapInput {
	path: string;
	/** Its class's fill, or null for "no figure" (drawn hatched, never in a data colour). */
	colour: string | null;
	/** The highest of the plan's targets (80, 90) the unit has reached, if any. */
	target: number | null;
	/** Where its label and target mark go, in the map's own units. */
	x: number;
	y: number;
}

export interface ReachMap {
	width: number;
	height: number;
	/** In the order people read the table: by name. */
	units: MapUnit[];
	legend: { colour: string; range: string; count: number }[];
	/** True when a class holds a range of figures (quantiles), false when each holds one figure. */
	ranges: boolean;
	noFigure: number;
	/** The plan's targets, and how many units reached each (and no higher one). */
	reachedTargets: { pct: number; year: string; count: number }[];
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

const targetPcts = targets.map((t) => t.share * 100);
const targetYears = targets.map((t) => t.deadline.slice(0, 4));
const round1 = (n: number) => Math.round(n * 10) / 10;

interface Drawn {
	width: number;
	height: number;
	shapes: { code: string; path: string; x: number; y: number }[];
}

/**
 * The same boundaries are drawn for every request of a scope: projected once per set, units and width,
 * then kept (a scope is the province or one former district, so a few dozen entries at most).
 */
const drawnMaps = new Map<string, Drawn | null>();

function drawn(setCode: string, codes: Set<string>, width: number): Drawn | null {
	const key = `${setCode}|${width}|${[...codes].sort().join(',')}`;
	if (drawnMaps.has(key)) return drawnMaps.get(key)!;
	const raw = maps[`/content/regions/${setCode}.geojson`];
	const features = raw
		? (JSON.parse(raw) as { features: Feature[] }).features
				.filter((f) => codes.has(f.properties.code))
				.map(rewind)
		: [];
	let result: Drawn | null = null;
	if (features.length) {
		const collection = { type: 'FeatureCollection', features } as GeoPermissibleObjects;
		// A margin so the focus ring of a unit on the edge is not cut off.
		const pad = 6;
		const projection = geoMercator().fitWidth(width - 2 * pad, collection);
		const [[, y0], [, y1]] = geoPath(projection).bounds(collection);
		const height = Math.ceil(y1 - y0) + 2 * pad;
		projection.fitExtent(
			[
				[pad, pad],
				[width - pad, height - pad]
			],
			collection
		);
		const writer = new CompactPath();
		const draw = geoPath(projection, writer);
		const measure = geoPath(projection);
		const shapes = features.map((f) => {
			draw(f.geometry);
			const [x, y] = measure.centroid(f.geometry);
			return { code: f.properties.code, path: writer.take(), x: round1(x), y: round1(y) };
		});
		result = { width, height, shapes };
	}
	drawnMaps.set(key, result);
	return result;
}

/**
 * A choropleth of the active region set, drawn on the server as SVG paths (nothing to download on the
 * phone but the paths themselves), coloured by quantile classes of the figures there are. Null when
 * the set ships no map. `width` is the map's own unit: paths are rounded to a tenth of it.
 */
export function choropleth(
	setCode: string,
	areas: MapInput[],
	locale: Locale,
	width = 800
): ReachMap | null {
	const byCode = new Map(areas.map((a) => [a.code, a]));
	const map = drawn(setCode, new Set(byCode.keys()), width);
	if (!map) return null;
	const { height } = map;
	const inputs = map.shapes.map((s) => byCode.get(s.code)!);
	const { bands, colours, classOf } = quantileBands(inputs.map((a) => a.pct));
	const units = map.shapes.map((shape, i): MapUnit => {
		const area = inputs[i]!;
		const cls = classOf(area.pct);
		const reached = targetPcts.filter((t) => area.pct !== null && area.pct >= t);
		return {
			...area,
			path: shape.path,
			colour: cls === null ? null : colours[cls]!,
			target: reached.length ? Math.max(...reached) : null,
			x: shape.x,
			y: shape.y
		};
	});
	const collator = new Intl.Collator('vi');
	units.sort((a, b) => collator.compare(a.name, b.name));
	return {
		width,
		height,
		units,
		legend: bands.map((b, i) => ({
			colour: colours[i]!,
			range: formatPctRange(b.lo, b.hi, locale),
			count: b.count
		})),
		ranges: bands.some((b) => b.lo !== b.hi),
		noFigure: units.filter((u) => u.colour === null).length,
		reachedTargets: targetPcts.map((pct, i) => ({
			pct,
			year: targetYears[i]!,
			count: units.filter((u) => u.target === pct).length
		}))
	};
}
