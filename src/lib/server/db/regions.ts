import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from './client';
import { regionLevels, regions, regionSets, unitKinds, type Region } from './schema';

const code = v.pipe(v.string(), v.regex(/^[0-9A-Za-z-]{1,20}$/, 'a code of letters and digits'));
const name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200));
/** Area keys of the other levels are `district:<code>` and `province`: no set may take those names. */
const setCode = v.pipe(
	v.string(),
	v.regex(/^[a-z0-9-]{1,60}$/, 'lower-case letters, digits and dashes'),
	v.check((c) => c !== 'district' && c !== 'province', 'a name kept for the other levels')
);

const unit = v.strictObject({
	code,
	name,
	nameEn: name,
	kind: v.optional(v.picklist(unitKinds)),
	/** A district's old province (a code of the set's `provinces`). */
	province: v.optional(code),
	/** A commune's former district: a unit code of the set's `formerSet`. */
	former: v.optional(code),
	formerShares: v.optional(
		v.record(code, v.pipe(v.number(), v.minValue(0), v.maxValue(1, 'a share of at most 1')))
	)
});

/** The shape of a region-set data file in content/regions/. */
export const RegionSetFile = v.pipe(
	v.strictObject({
		code: setCode,
		name,
		nameEn: name,
		source: v.pipe(v.string(), v.minLength(1)),
		level: v.optional(v.picklist(regionLevels), 'district'),
		effective: v.optional(v.pipe(v.string(), v.isoDate())),
		formerSet: v.optional(setCode),
		provinces: v.optional(v.array(v.strictObject({ code, name, nameEn: name }))),
		units: v.pipe(
			v.array(unit),
			v.minLength(1),
			v.check(
				(units) => new Set(units.map((u) => u.code)).size === units.length,
				'unit codes must be unique'
			),
			// A name picks one unit in a list (the old province tells two districts of one name apart).
			v.check(
				(units) =>
					['name', 'nameEn'].every(
						(key) =>
							new Set(units.map((u) => `${u.province ?? ''}|${u[key as 'name' | 'nameEn']}`))
								.size === units.length
					),
				'unit names must be unique (in each language, within an old province)'
			)
		)
	}),
	v.check(
		(s) => s.level === 'district' || (!!s.formerSet && s.units.every((u) => u.former)),
		'a commune-level set names its formerSet, and every unit its former district'
	),
	v.check(
		(s) => s.level === 'commune' || s.units.every((u) => !u.former && !u.formerShares),
		'the units of a district-level set have no former district'
	),
	v.check(
		(s) =>
			s.units.every((u) => !u.province || (s.provinces ?? []).some((p) => p.code === u.province)),
		'every unit province is one of the set provinces'
	),
	v.check((s) => s.formerSet !== s.code, 'a set cannot be its own former set')
);
export type RegionSetFile = v.InferOutput<typeof RegionSetFile>;

/** A region set that refers to what is not there: a former set not loaded, or codes it does not have. */
export class CrosswalkError extends Error {}

/** The crosswalk of a commune-level set against its former set as loaded: every reference resolves. */
async function checkCrosswalk(db: Db, set: RegionSetFile): Promise<void> {
	if (!set.formerSet) return;
	const former = await db.query.regionSets.findFirst({
		where: eq(regionSets.code, set.formerSet)
	});
	if (!former) throw new CrosswalkError(`its former set "${set.formerSet}" is not loaded`);
	// Former sets are district-level and name no former set of their own: no chain, so no cycle.
	if (former.level !== 'district' || former.formerSet)
		throw new CrosswalkError(`its former set "${set.formerSet}" is not a district-level set`);
	const known = new Set(
		(
			await db
				.select({ code: regions.code })
				.from(regions)
				.where(eq(regions.setCode, set.formerSet))
		).map((r) => r.code)
	);
	const unknown = set.units.flatMap((u) =>
		[u.former!, ...Object.keys(u.formerShares ?? {})]
			.filter((c) => !known.has(c))
			.map((c) => `${u.code} → ${c}`)
	);
	if (unknown.length)
		throw new CrosswalkError(
			`former districts unknown to "${set.formerSet}": ${[...new Set(unknown)].join(', ')}`
		);
}

/**
 * Loads (or reloads) a region set and makes it the one learners choose from, unless `activate` is
 * false. Units already loaded keep their ids, so learners and events that point at them stay valid.
 * The file and its crosswalk are checked first: a bad one changes nothing.
 */
export async function loadRegionSet(
	db: Db,
	input: unknown,
	{ now = new Date(), activate = true }: { now?: Date; activate?: boolean } = {}
): Promise<RegionSetFile> {
	const set = v.parse(RegionSetFile, input);
	await checkCrosswalk(db, set);
	const row = {
		nameVi: set.name,
		nameEn: set.nameEn,
		source: set.source,
		level: set.level,
		formerSet: set.formerSet ?? null,
		effective: set.effective ?? null,
		provinces: set.provinces ? JSON.stringify(set.provinces) : null,
		loadedAt: now
	};
	await db.batch([
		db
			.insert(regionSets)
			.values({ code: set.code, ...row })
			.onConflictDoUpdate({ target: regionSets.code, set: row }),
		...set.units.map((u, position) => {
			const unitRow = {
				nameVi: u.name,
				nameEn: u.nameEn,
				kind: u.kind ?? null,
				districtCode: u.former ?? u.code,
				provinceCode: u.province ?? null,
				formerShares: u.formerShares ? JSON.stringify(u.formerShares) : null,
				position
			};
			return db
				.insert(regions)
				.values({ id: `${set.code}:${u.code}`, setCode: set.code, code: u.code, ...unitRow })
				.onConflictDoUpdate({ target: regions.id, set: unitRow });
		}),
		...(activate ? activationStatements(db, set.code) : [])
	]);
	return set;
}

/**
 * Makes a loaded set the one learners choose from. Campaigns that targeted units of another set (the
 * plan's 2022 districts) now also target the active set's units with the same former district, so a
 * campaign for a district is a campaign for its communes; their old targets stay.
 */
function activationStatements(db: Db, code: string) {
	return [
		db.update(regionSets).set({ active: sql`${regionSets.code} = ${code}` }),
		db.run(sql`INSERT OR IGNORE INTO campaign_regions (campaign_id, region_id)
			SELECT cr.campaign_id, u.id FROM campaign_regions cr
			JOIN regions old ON old.id = cr.region_id AND old.set_code <> ${code}
			JOIN regions u ON u.set_code = ${code} AND u.district_code = old.district_code`)
	] as const;
}

export async function activateRegionSet(db: Db, code: string): Promise<void> {
	await db.batch(activationStatements(db, code));
}

/**
 * Loads a set and, first, the former set it names when that is not loaded yet (not activated), from
 * `read` (the shipped files). Both are checked before anything is written.
 */
export async function loadWithFormerSet(
	db: Db,
	input: unknown,
	read: (code: string) => unknown,
	options: { now?: Date } = {}
): Promise<RegionSetFile> {
	const set = v.parse(RegionSetFile, input);
	if (set.formerSet) {
		const loaded = await db.query.regionSets.findFirst({
			where: eq(regionSets.code, set.formerSet)
		});
		if (!loaded) {
			const former = read(set.formerSet);
			if (!former) throw new CrosswalkError(`its former set "${set.formerSet}" is not shipped`);
			await loadRegionSet(db, former, { ...options, activate: false });
		}
	}
	return loadRegionSet(db, set, options);
}

/** The units of the active region set, in the data file's order. */
export async function activeRegions(db: Db): Promise<Region[]> {
	const rows = await db
		.select()
		.from(regions)
		.innerJoin(regionSets, eq(regions.setCode, regionSets.code))
		.where(eq(regionSets.active, true))
		.orderBy(asc(regions.position));
	return rows.map((r) => r.regions);
}

export async function findRegion(db: Db, id: string): Promise<Region | undefined> {
	return db.query.regions.findFirst({ where: eq(regions.id, id) });
}

/** Units of the active set among `ids` (e.g. the ones a form sent), in the set's order. */
export async function activeRegionsAmong(db: Db, ids: string[]): Promise<Region[]> {
	if (!ids.length) return [];
	const rows = await db
		.select()
		.from(regions)
		.innerJoin(regionSets, eq(regions.setCode, regionSets.code))
		.where(and(eq(regionSets.active, true), inArray(regions.id, ids)))
		.orderBy(asc(regions.position));
	return rows.map((r) => r.regions);
}
