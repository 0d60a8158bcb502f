import { asc, eq } from 'drizzle-orm';
import { localName, type Locale } from '$lib/content/vocabulary';
import type { Db } from './db/client';
import { regions, regionSets } from './db/schema';

/**
 * Figures are kept and read per area, at three levels: a unit (its region id: a commune or ward of
 * today, or a pre-2025 district a learner chose before the communes existed), a former district
 * (`district:<GSO code>`: the plan's 12 districts and Tiền Giang's 11, whichever set a unit came from)
 * and the whole province (`province`). An analyst's scope is the province or a former district.
 */
export const provinceArea = 'province';
export const districtArea = (code: string) => `district:${code}`;
export const districtCodeOf = (area: string) =>
	area.startsWith('district:') ? area.slice('district:'.length) : null;

export interface FormerDistrict {
	code: string;
	area: string;
	nameVi: string;
	nameEn: string;
	/** The old province it belonged to, when the data says. */
	province: { code: string; nameVi: string; nameEn: string } | null;
}

/**
 * The former districts, from the district-level sets loaded (one per GSO code: the set loaded last
 * wins for names), in their data order. The crosswalk of every unit leads to one of these.
 */
export async function formerDistricts(db: Db): Promise<FormerDistrict[]> {
	const rows = await db
		.select({ region: regions, set: regionSets })
		.from(regions)
		.innerJoin(regionSets, eq(regions.setCode, regionSets.code))
		.where(eq(regionSets.level, 'district'))
		.orderBy(asc(regionSets.loadedAt), asc(regions.position));
	const byCode = new Map<string, FormerDistrict>();
	for (const { region, set } of rows) {
		const provinces = JSON.parse(set.provinces ?? '[]') as {
			code: string;
			name: string;
			nameEn: string;
		}[];
		const province = provinces.find((p) => p.code === region.provinceCode);
		byCode.set(region.code, {
			code: region.code,
			area: districtArea(region.code),
			nameVi: region.nameVi,
			nameEn: region.nameEn,
			province: province
				? { code: province.code, nameVi: province.name, nameEn: province.nameEn }
				: (byCode.get(region.code)?.province ?? null)
		});
	}
	// Old Đồng Tháp (87) first, then the province merged into it, each in its data order.
	return [...byCode.values()].sort(
		(a, b) => Number(b.province?.code === '87') - Number(a.province?.code === '87')
	);
}

/**
 * A former district's name for people, with its old province when the data says: two provinces merged,
 * and each had a Huyện Châu Thành.
 */
export function formerDistrictName(district: FormerDistrict, locale: Locale): string {
	const name = localName(district, locale);
	return district.province ? `${name} (${localName(district.province, locale)})` : name;
}

/** Whether a value names an analyst scope: the province (none) or a known former district. */
export async function isScope(db: Db, scope: string | null): Promise<boolean> {
	if (!scope) return true;
	const code = districtCodeOf(scope);
	return !!code && (await formerDistricts(db)).some((d) => d.code === code);
}

/** A scope's name for people: the province, or the former district with its old province. */
export async function scopeName(
	db: Db,
	scope: string | null,
	locale: Locale
): Promise<string | null> {
	const code = scope && districtCodeOf(scope);
	if (!code) return null;
	const district = (await formerDistricts(db)).find((d) => d.code === code);
	return district ? formerDistrictName(district, locale) : scope;
}

/** The scopes an analyst can be given, for a form: each former district with its old province. */
export async function scopeChoices(
	db: Db,
	locale: Locale
): Promise<{ value: string; name: string }[]> {
	return (await formerDistricts(db)).map((d) => ({
		value: d.area,
		name: formerDistrictName(d, locale)
	}));
}

/**
 * Every area a baseline can be entered for, with its name: the province, each former district, and
 * each unit of the active set, in that order.
 */
export async function baselineAreas(
	db: Db,
	locale: Locale,
	provinceName: string
): Promise<{ value: string; name: string }[]> {
	const units = await db
		.select({ id: regions.id, nameVi: regions.nameVi, nameEn: regions.nameEn })
		.from(regions)
		.innerJoin(regionSets, eq(regions.setCode, regionSets.code))
		.where(eq(regionSets.active, true))
		.orderBy(asc(regions.position));
	return [
		{ value: provinceArea, name: provinceName },
		...(await scopeChoices(db, locale)),
		...units.map((u) => ({ value: u.id, name: locale === 'en' ? u.nameEn : u.nameVi }))
	];
}
