import { asc, eq, sql } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from './client';
import { regions, regionSets, type Region } from './schema';

const unitCode = v.pipe(
	v.string(),
	v.regex(/^[0-9A-Za-z-]{1,20}$/, 'a code of letters and digits')
);
const name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200));

/** The shape of a region-set data file in content/regions/. */
export const RegionSetFile = v.strictObject({
	code: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,60}$/, 'lower-case letters, digits and dashes')),
	name,
	nameEn: name,
	source: v.pipe(v.string(), v.minLength(1)),
	units: v.pipe(
		v.array(v.strictObject({ code: unitCode, name, nameEn: name })),
		v.minLength(1),
		v.check(
			(units) => new Set(units.map((u) => u.code)).size === units.length,
			'unit codes must be unique'
		)
	)
});
export type RegionSetFile = v.InferOutput<typeof RegionSetFile>;

/**
 * Loads (or reloads) a region set and makes it the one learners choose from. Units already loaded keep
 * their ids, so learners and events that point at them stay valid.
 */
export async function loadRegionSet(
	db: Db,
	input: unknown,
	now = new Date()
): Promise<RegionSetFile> {
	const set = v.parse(RegionSetFile, input);
	await db.batch([
		db
			.insert(regionSets)
			.values({
				code: set.code,
				nameVi: set.name,
				nameEn: set.nameEn,
				source: set.source,
				loadedAt: now
			})
			.onConflictDoUpdate({
				target: regionSets.code,
				set: { nameVi: set.name, nameEn: set.nameEn, source: set.source, loadedAt: now }
			}),
		...set.units.map((unit, position) =>
			db
				.insert(regions)
				.values({
					id: `${set.code}:${unit.code}`,
					setCode: set.code,
					code: unit.code,
					nameVi: unit.name,
					nameEn: unit.nameEn,
					position
				})
				.onConflictDoUpdate({
					target: regions.id,
					set: { nameVi: unit.name, nameEn: unit.nameEn, position }
				})
		),
		db.update(regionSets).set({ active: sql`${regionSets.code} = ${set.code}` })
	]);
	return set;
}

/** The units of the active region set, in the data file's order. */
export async function activeRegions(db: Db): Promise<Region[]> {
	return db
		.select({
			id: regions.id,
			setCode: regions.setCode,
			code: regions.code,
			nameVi: regions.nameVi,
			nameEn: regions.nameEn,
			position: regions.position
		})
		.from(regions)
		.innerJoin(regionSets, eq(regions.setCode, regionSets.code))
		.where(eq(regionSets.active, true))
		.orderBy(asc(regions.position));
}

export async function findRegion(db: Db, id: string): Promise<Region | undefined> {
	return db.query.regions.findFirst({ where: eq(regions.id, id) });
}
