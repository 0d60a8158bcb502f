import { and, asc, eq, sql } from 'drizzle-orm';
import { localName, type Locale } from '$lib/content/vocabulary';
import { districtCodeOf, formerDistricts, provinceArea } from '../areas';
import type { Db } from '../db/client';
import { activeRegions } from '../db/regions';
import { regions, regionSets, type Region } from '../db/schema';
import { lastCompleteDay } from '../dates';
import { definitionVersion } from '../reach/definition';
import { rebuildProgress } from '../reach/rebuild';
import { headline, presentAreas, rawAreas, trend, type AreaFigures } from './metrics';
import { outlook, type Outlook } from './outlook';

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
	units: (AreaFigures & { code: string; district: string; known: boolean })[];
	districts: (AreaFigures & { code: string })[];
	/** Cumulative people reached and skilled at the end of each year (the current year: so far). */
	byYear: { year: string; reached: number | null; skilled: number | null }[];
	/** The headline's recent pace, when the last target is met at it, and the passed targets. */
	outlook: Outlook;
	/** People whose learning waits for review: shown beside the official figure, never in it. */
	held?: { reached: number | null } | null;
	/** People whose learning arrived after its day was counted: beside the official figure too. */
	late?: { reached: number | null } | null;
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
	asOf = lastCompleteDay()
): Promise<ReachFigures> {
	const inScope = (r: Pick<Region, 'districtCode'>) =>
		scope === provinceArea || districtCodeOf(scope) === r.districtCode;
	const active = await activeRegions(db);
	const districts = (await formerDistricts(db)).filter((d) => inScope({ districtCode: d.code }));
	const districtName = (code: string) => {
		const d = districts.find((x) => x.code === code);
		return d ? (locale === 'en' ? d.nameEn : d.nameVi) : code;
	};
	// A district-level active set (the plan's 12) is its own former districts: no "not yet known" row.
	const units = active.filter(inScope);
	const earlier = (await earlierUnits(db)).filter(inScope);
	const unitRows = [
		...units.map((r) => ({ id: r.id, name: localName(r, locale), region: r, known: true })),
		...earlier.map((r) => ({
			id: r.id,
			name: names.unknownCommune(districtName(r.districtCode)),
			region: r,
			known: false
		}))
	];
	const unitIds = units.map((r) => r.id);
	const headArea = {
		id: scope,
		name: scope === provinceArea ? names.province : districtName(districtCodeOf(scope)!),
		parts: unitIds
	};
	const [headRaw] = await rawAreas(db, [headArea], asOf);
	const head = headline(headRaw!, asOf);
	const rawUnits = await rawAreas(db, unitRows, asOf);
	const rawDistricts = await rawAreas(
		db,
		districts.map((d) => ({
			id: d.area,
			name: locale === 'en' ? d.nameEn : d.nameVi,
			parts: units.filter((u) => u.districtCode === d.code).map((u) => u.id)
		})),
		asOf
	);
	return {
		asOf,
		definitionVersion,
		scope,
		rebuilding: await rebuildProgress(db),
		headline: head,
		units: presentAreas(rawUnits, asOf).map((a, i) => ({
			...a,
			code: unitRows[i]!.region.code,
			district: unitRows[i]!.region.districtCode,
			known: unitRows[i]!.known
		})),
		districts: presentAreas(rawDistricts, asOf).map((a, i) => ({ ...a, code: districts[i]!.code })),
		byYear: everyYear(await trend(db, scope, 'year', asOf), asOf),
		outlook: await outlook(db, headArea, head, asOf)
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
		official: {
			reached: f.headline.reached,
			skilled: f.headline.skilled,
			reachPct: f.headline.reachPct,
			gap90: f.headline.targets.at(-1)!.gap,
			perMonthNeeded: f.headline.targets.at(-1)!.perMonth
		},
		held: f.held ?? null,
		late: f.late ?? null,
		outlook: f.outlook,
		byYear: Object.fromEntries(
			f.byYear.map((y) => [y.year, { reached: y.reached, skilled: y.skilled }])
		),
		units: f.units.map((u) => ({ ...unitJson(u), district: u.district, known: u.known })),
		districts: f.districts.map(unitJson)
	};
}
