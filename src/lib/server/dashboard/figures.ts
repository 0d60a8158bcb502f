import { and, asc, eq, sql } from 'drizzle-orm';
import { localName, type Locale } from '$lib/content/vocabulary';
import { districtCodeOf, formerDistricts, provinceArea } from '../areas';
import type { Db } from '../db/client';
import { activeRegions } from '../db/regions';
import { regions, regionSets, type Region } from '../db/schema';
import { provinceDay } from '../dates';
import { definitionVersion } from '../reach/definition';
import { rebuildProgress } from '../reach/rebuild';
import { rawAreas, trend, type AreaFigures } from './metrics';
import { presentProvince } from './present';

/**
 * The reach figures as the dashboard and the annual report show them (small counts hidden), at three
 * levels for a scope (the province, or one former district): its headline, its units (today's communes
 * and wards, and a "commune not yet known" row for learners still on a pre-2025 district), and its
 * former districts. `npm run reach:figures` prints the same, so anyone can check a report against the
 * database.
 */
export interface ReachFigures {
	asOf: string;
	definitionVersion: number;
	scope: string;
	/** Set while the rollups are rebuilt to a new definition: no figure is final until it is done. */
	rebuilding: { done: number; total: number } | null;
	headline: AreaFigures;
	units: (AreaFigures & { code: string; district: string; known: boolean })[];
	districts: (AreaFigures & { code: string })[];
	/** Cumulative people reached and skilled at the end of each year (the current year: so far). */
	byYear: { year: string; reached: number | null; skilled: number | null }[];
}

/** Regions outside the active set that hold learning (learners who chose a pre-2025 district). */
async function earlierUnits(db: Db): Promise<Region[]> {
	const rows = await db
		.select({ region: regions })
		.from(regions)
		.innerJoin(regionSets, eq(regions.setCode, regionSets.code))
		.where(
			and(
				eq(regionSets.active, false),
				sql`(${regions.id} IN (SELECT area FROM reach_monthly WHERE dim = 'all')
					OR ${regions.id} IN (SELECT region_id FROM in_person_sessions))`
			)
		)
		.orderBy(asc(regions.districtCode));
	return rows.map((r) => r.region);
}

export async function reachFigures(
	db: Db,
	{
		scope,
		locale,
		names
	}: {
		scope: string;
		locale: Locale;
		names: { province: string; unknownCommune: (district: string) => string };
	},
	asOf = provinceDay()
): Promise<ReachFigures> {
	const inScope = (r: Pick<Region, 'districtCode'>) =>
		scope === provinceArea || districtCodeOf(scope) === r.districtCode;
	const active = await activeRegions(db);
	const districts = await formerDistricts(db);
	const districtName = (code: string) => {
		const d = districts.find((x) => x.code === code);
		return d ? (locale === 'en' ? d.nameEn : d.nameVi) : code;
	};
	// A district-level active set (the plan's 12) is its own former districts: no "not yet known" row.
	const unitRows = [
		...active.map((r) => ({ id: r.id, name: localName(r, locale), region: r, known: true })),
		...(await earlierUnits(db)).map((r) => ({
			id: r.id,
			name: names.unknownCommune(districtName(r.districtCode)),
			region: r,
			known: false
		}))
	];
	// The whole province is suppressed at once, whatever the scope: a district's pages show exactly
	// what the province's pages show of it.
	const unitsOf = (code: string | null) =>
		active.filter((u) => code === null || u.districtCode === code).map((u) => u.id);
	const [provinceRaw] = await rawAreas(
		db,
		[{ id: provinceArea, name: names.province, parts: unitsOf(null) }],
		asOf
	);
	const rawDistricts = await rawAreas(
		db,
		districts.map((d) => ({ id: d.area, name: districtName(d.code), parts: unitsOf(d.code) })),
		asOf
	);
	const rawUnits = await rawAreas(db, unitRows, asOf);
	const shown = presentProvince(
		provinceRaw!,
		rawDistricts.map((d, i) => ({ ...d, code: districts[i]!.code })),
		rawUnits.map((u, i) => ({ ...u, district: unitRows[i]!.region.districtCode })),
		asOf
	);
	// A district's headline is its cell among the districts; a scope outside them counts alone.
	const own = districts.findIndex((d) => d.area === scope);
	const alone = async () =>
		presentProvince((await rawAreas(db, [{ id: scope, name: scope }], asOf))[0]!, [], [], asOf);
	return {
		asOf,
		definitionVersion,
		scope,
		rebuilding: await rebuildProgress(db),
		headline:
			scope === provinceArea
				? shown.headline
				: own >= 0
					? shown.districts[own]!
					: (await alone()).headline,
		units: shown.units
			.map((a, i) => ({
				...a,
				code: unitRows[i]!.region.code,
				district: unitRows[i]!.region.districtCode,
				known: unitRows[i]!.known
			}))
			.filter((_, i) => inScope(unitRows[i]!.region)),
		districts: shown.districts
			.map((a, i) => ({ ...a, code: districts[i]!.code }))
			.filter((d) => inScope({ districtCode: d.code })),
		byYear: everyYear(await trend(db, scope, 'year', asOf), asOf)
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

const unitJson = (a: AreaFigures & { code: string }) => ({
	id: a.id,
	code: a.code,
	name: a.name,
	reached: a.reached,
	skilled: a.skilled,
	reachPct: a.reachPct
});

/** The machine-readable form `npm run reach:figures -- --json` prints. */
export function figuresJson(f: ReachFigures) {
	return {
		asOf: f.asOf,
		definitionVersion: f.definitionVersion,
		scope: f.scope,
		rebuilding: f.rebuilding,
		official: { reached: f.headline.reached, skilled: f.headline.skilled },
		byYear: Object.fromEntries(
			f.byYear.map((y) => [y.year, { reached: y.reached, skilled: y.skilled }])
		),
		units: f.units.map((u) => ({ ...unitJson(u), district: u.district, known: u.known })),
		districts: f.districts.map(unitJson)
	};
}
