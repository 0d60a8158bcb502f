import type { Db } from '../db/client';
import { provinceDay } from '../dates';
import { definitionVersion } from '../reach/definition';
import { rebuildProgress } from '../reach/rebuild';
import { presentAreas, provinceLine, rawAreas, trend, type AreaFigures } from './metrics';

/**
 * The reach figures as the dashboard and the annual report show them (small counts hidden), for some
 * areas and the province line over them. `npm run reach:figures` prints the same, so anyone can check
 * a printed report against the database.
 */
export interface ReachFigures {
	asOf: string;
	definitionVersion: number;
	/** Set while the rollups are rebuilt to a new definition: no figure is final until it is done. */
	rebuilding: { done: number; total: number } | null;
	province: AreaFigures;
	areas: (AreaFigures & { code: string })[];
	/** Cumulative people reached and skilled at the end of each year (the current year: so far). */
	byYear: { year: string; reached: number | null; skilled: number | null }[];
}

export async function reachFigures(
	db: Db,
	regions: { id: string; code: string; name: string }[],
	provinceName: string,
	asOf = provinceDay()
): Promise<ReachFigures> {
	const raw = await rawAreas(db, regions, asOf);
	const codeOf = new Map(regions.map((r) => [r.id, r.code]));
	return {
		asOf,
		definitionVersion,
		rebuilding: await rebuildProgress(db),
		province: provinceLine(raw, provinceName, asOf),
		areas: presentAreas(raw, asOf).map((a) => ({ ...a, code: codeOf.get(a.id) ?? '' })),
		byYear: everyYear(
			await trend(
				db,
				regions.map((r) => r.id),
				'year',
				asOf
			),
			asOf
		)
	};
}

/** Every year from the first with learning to `asOf`'s, a year without newcomers carrying the last total. */
function everyYear(years: Awaited<ReturnType<typeof trend>>, asOf: string): ReachFigures['byYear'] {
	if (!years.length) return [];
	const out: ReachFigures['byYear'] = [];
	let last = { reached: 0 as number | null, skilled: 0 as number | null };
	for (let y = Number(years[0]!.period); y <= Number(asOf.slice(0, 4)); y++) {
		const found = years.find((p) => p.period === String(y));
		if (found) last = { reached: found.reached, skilled: found.skilled };
		out.push({ year: String(y), ...last });
	}
	return out;
}

/** The machine-readable form `npm run reach:figures -- --json` prints. */
export function figuresJson(f: ReachFigures) {
	return {
		asOf: f.asOf,
		definitionVersion: f.definitionVersion,
		rebuilding: f.rebuilding,
		official: { reached: f.province.reached, skilled: f.province.skilled },
		byYear: Object.fromEntries(
			f.byYear.map((y) => [y.year, { reached: y.reached, skilled: y.skilled }])
		),
		units: f.areas.map((a) => ({
			id: a.id,
			code: a.code,
			name: a.name,
			reached: a.reached,
			skilled: a.skilled,
			reachPct: a.reachPct
		}))
	};
}
