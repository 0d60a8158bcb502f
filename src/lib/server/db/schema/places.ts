/** Region sets and their units: where learners live and where figures are counted. */
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const regionLevels = ['district', 'commune'] as const;
export type RegionLevel = (typeof regionLevels)[number];
export const unitKinds = ['ward', 'commune', 'township', 'town', 'city', 'district'] as const;
export type UnitKind = (typeof unitKinds)[number];

/**
 * A set of areas learners choose from, loaded as data (content/regions/): the plan's 12 districts of
 * 2022, the 23 districts of both provinces before the 2025 reorganisation, or today's 102 communes and
 * wards. A commune-level set names the district-level set its units' former districts come from.
 */
export const regionSets = sqliteTable('region_sets', {
	code: text('code').primaryKey(),
	nameVi: text('name_vi').notNull(),
	nameEn: text('name_en').notNull(),
	source: text('source').notNull(),
	level: text('level', { enum: regionLevels }).notNull().default('district'),
	/** The district-level set the units' `former` codes refer to (commune-level sets). */
	formerSet: text('former_set'),
	/** When the set took effect (YYYY-MM-DD), if the data says. */
	effective: text('effective'),
	/** The old provinces of a district-level set, as JSON `[{ code, name, nameEn }]`. */
	provinces: text('provinces'),
	active: integer('active', { mode: 'boolean' }).notNull().default(false),
	loadedAt: integer('loaded_at', { mode: 'timestamp_ms' }).notNull()
});

export const regions = sqliteTable(
	'regions',
	{
		/** `<set code>:<unit code>`, stable across reloads of the same set. */
		id: text('id').primaryKey(),
		setCode: text('set_code')
			.notNull()
			.references(() => regionSets.code),
		code: text('code').notNull(),
		nameVi: text('name_vi').notNull(),
		nameEn: text('name_en').notNull(),
		kind: text('kind', { enum: unitKinds }),
		/**
		 * The GSO code of the district (before 2025) this unit counts under in the former-district view:
		 * its own code for a district, its former district for a commune. One code, one former district,
		 * whichever set a unit came from (866 of the 2022 set and 866 of the 2025-03 set are one).
		 */
		districtCode: text('district_code').notNull().default(''),
		/** The old province of a district (GSO code), for "formerly of … province". */
		provinceCode: text('province_code'),
		/** A commune's area shares in its former districts, JSON `{ code: share }`: for grouping, never splitting. */
		formerShares: text('former_shares'),
		position: integer('position').notNull()
	},
	(t) => [uniqueIndex('regions_set_code').on(t.setCode, t.code)]
);

export type RegionSet = typeof regionSets.$inferSelect;
export type Region = typeof regions.$inferSelect;
