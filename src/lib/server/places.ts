import { asc, eq } from 'drizzle-orm';
import { localName, type Locale } from '$lib/content/vocabulary';
import { createI18n } from '$lib/i18n';
import { formerLabels } from '$lib/places/labels';
import type { PlaceOption } from '$lib/places/types';
import type { Db } from './db/client';
import { boundariesUrl } from './boundaries';
import { activeRegions } from './db/regions';
import { regions, regionSets } from './db/schema';

interface Province {
	code: string;
	name: string;
	nameEn: string;
}

/**
 * The active set's units as the place picker shows them, in the set's order, labelled with their
 * former district and its old province (from the set's former set). A district-level set has no
 * former set: its units come without group or former label. Units of `firstDistrictCode` (a former
 * district, e.g. the learner's) are offered first.
 */
export async function placeOptions(
	db: Db,
	locale: Locale,
	firstDistrictCode?: string
): Promise<PlaceOption[]> {
	const set = await db.query.regionSets.findFirst({ where: eq(regionSets.active, true) });
	if (!set) return [];
	const [units, former] = await Promise.all([
		db.select().from(regions).where(eq(regions.setCode, set.code)).orderBy(asc(regions.position)),
		set.formerSet
			? db.query.regionSets.findFirst({ where: eq(regionSets.code, set.formerSet) })
			: undefined
	]);
	const districts = former
		? await db.select().from(regions).where(eq(regions.setCode, former.code))
		: [];
	const provinces = (former?.provinces ? JSON.parse(former.provinces) : []) as Province[];
	const { t } = createI18n(locale);
	return units.map((unit): PlaceOption => {
		const district = districts.find((d) => d.code === unit.districtCode);
		const province = provinces.find((p) => p.code === district?.provinceCode);
		const labels = district
			? formerLabels(
					t,
					locale,
					localName(district, locale),
					province ? (locale === 'vi' ? province.name : province.nameEn) : null
				)
			: { group: '', former: null };
		return {
			id: unit.id,
			code: unit.code,
			name: localName(unit, locale),
			...labels,
			...(firstDistrictCode && unit.districtCode === firstDistrictCode ? { first: true } : {})
		};
	});
}

/**
 * What a form choosing where a learner lives needs (/start, /me, /place): the active set's units as
 * a plain list, and, for a set with former districts (communes and wards), the picker's options and
 * boundaries.
 */
export async function placeChoices(db: Db, locale: Locale, firstDistrictCode?: string) {
	const [active, places] = await Promise.all([
		activeRegions(db),
		placeOptions(db, locale, firstDistrictCode)
	]);
	const grouped = places.some((p) => p.group);
	return {
		regions: active.map((r) => ({ id: r.id, name: localName(r, locale) })),
		places: grouped ? places : undefined,
		boundariesUrl: (grouped && active[0] && boundariesUrl(active[0].setCode)) || undefined
	};
}
