import { and, asc, eq, sql } from 'drizzle-orm';
import { localName, type Locale } from '$lib/content/vocabulary';
import { districtCodeOf, formerDistrictName, formerDistricts, provinceArea } from '../areas';
import type { Db } from '../db/client';
import { activeRegions } from '../db/regions';
import { regions, regionSets, type Region } from '../db/schema';
import { lastCompleteDay } from '../dates';
import { definitionVersion } from '../reach/definition';
import { rebuildProgress } from '../reach/rebuild';
import { rawAreas, type AreaFigures } from './metrics';
import { asideAt } from './rollups-at';
import { presentProvince, suppressTogether } from './present';
import { shown } from '../privacy';
import { outlook, type Outlook } from './outlook';
import { everyYear, type YearFigures } from './figures-years';

/**
 * The reach figures as the dashboard and the annual report show them (small counts hidden), at three
 * levels for a scope (the province, or one former district): its headline, its units (today's communes
 * and wards, and a "commune not yet known" row for learners still on a pre-2025 district), and its
 * former districts. `npm run reach:figures` prints the same, so anyone can check a report against the
 * database.
 */
export interface ReachFigures {
	/** The last day the figures count (the end of yesterday, province time, unless asked otherwise). */
	asOf: string;
	definitionVersion: number;
	scope: string;
	/** Set while the rollups are rebuilt to a new definition: no figure is final until it is done. */
	rebuilding: { done: number; total: number } | null;
	headline: AreaFigures;
	/** People whose learning is held for review (not in the figure until an analyst releases it). */
	held: { reached: number | null };
	/** People whose only learning an analyst rejected (never in the figure). */
	rejected: { reached: number | null };
	/** People who came late to the last year issued (see `byYear`), or null when none is. */
	late: { year: string; reached: number | null } | null;
	units: (AreaFigures & { code: string; district: string; known: boolean; held: number | null })[];
	districts: (AreaFigures & { code: string; held: number | null })[];
	/**
	 * Cumulative people reached and skilled at the end of each year (the current year: so far). A year
	 * whose report was issued keeps its issued figures (`issued`: when), and says how many came late.
	 */
	byYear: YearFigures[];
	/** The headline's recent pace, when the last target is met at it, and the passed targets. */
	outlook: Outlook;
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
				sql`(${regions.id} IN (SELECT area FROM reach_monthly WHERE dim = 'all' AND kind = 'reached')
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
	asOf = lastCompleteDay()
): Promise<ReachFigures> {
	const inScope = (r: Pick<Region, 'districtCode'>) =>
		scope === provinceArea || districtCodeOf(scope) === r.districtCode;
	const active = await activeRegions(db);
	const districts = await formerDistricts(db);
	const districtName = (code: string) => {
		const d = districts.find((x) => x.code === code);
		return d ? formerDistrictName(d, locale) : code;
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
	const onPages = presentProvince(
		provinceRaw!,
		rawDistricts.map((d, i) => ({ ...d, code: districts[i]!.code })),
		rawUnits.map((u, i) => ({ ...u, district: unitRows[i]!.region.districtCode })),
		asOf
	);
	// A district's headline is its cell among the districts; a scope outside them counts alone.
	const own = districts.findIndex((d) => d.area === scope);
	const alone = async () =>
		presentProvince((await rawAreas(db, [{ id: scope, name: scope }], asOf))[0]!, [], [], asOf);
	const { held, rejected } = await asideAt(db, asOf);
	const layout = {
		districts: districts.map((d) => ({ code: d.code })),
		units: unitRows.map((u) => ({ district: u.region.districtCode }))
	};
	const heldShown = suppressTogether(
		layout,
		held.get(provinceArea) ?? 0,
		districts.map((d) => held.get(d.area) ?? 0),
		unitRows.map((u) => held.get(u.id) ?? 0)
	);
	const byYear = await everyYear(db, scope, asOf);
	const lastIssued = byYear.findLast((y) => y.issued);
	const headline =
		scope === provinceArea
			? onPages.headline
			: own >= 0
				? onPages.districts[own]!
				: (await alone()).headline;
	const headArea = {
		id: scope,
		name: headline.name,
		parts: unitsOf(scope === provinceArea ? null : (districtCodeOf(scope) ?? scope))
	};
	return {
		asOf,
		definitionVersion,
		scope,
		rebuilding: await rebuildProgress(db),
		headline,
		held: {
			reached:
				scope === provinceArea
					? heldShown.province
					: own >= 0
						? (heldShown.districts[own] ?? null)
						: shown(held.get(scope) ?? 0)
		},
		rejected: { reached: shown(rejected.get(scope) ?? 0) },
		late: lastIssued ? { year: lastIssued.year, reached: lastIssued.late } : null,
		units: onPages.units
			.map((a, i) => ({
				...a,
				code: unitRows[i]!.region.code,
				district: unitRows[i]!.region.districtCode,
				known: unitRows[i]!.known,
				held: heldShown.units[i] ?? null
			}))
			.filter((_, i) => inScope(unitRows[i]!.region)),
		districts: onPages.districts
			.map((a, i) => ({ ...a, code: districts[i]!.code, held: heldShown.districts[i] ?? null }))
			.filter((d) => inScope({ districtCode: d.code })),
		byYear,
		outlook: await outlook(db, headArea, headline, asOf, byYear)
	};
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
		official: {
			reached: f.headline.reached,
			skilled: f.headline.skilled,
			pct: f.headline.reachPct
		},
		held: f.held,
		rejected: f.rejected,
		late: f.late,
		outlook: f.outlook,
		byYear: Object.fromEntries(
			f.byYear.map((y) => [
				y.year,
				{ reached: y.reached, skilled: y.skilled, issued: y.issued, late: y.late }
			])
		),
		units: f.units.map((u) => ({
			...unitJson(u),
			held: u.held,
			district: u.district,
			known: u.known
		})),
		districts: f.districts.map((d) => ({ ...unitJson(d), held: d.held }))
	};
}
