import { localName, type Locale } from '$lib/content/vocabulary';
import { formerDistrictName, formerDistricts, provinceArea } from '../areas';
import type { Db } from '../db/client';
import { activeRegions } from '../db/regions';
import type { Baseline } from '../db/schema';
import type { MissingBaselines, MissingGroup } from '$lib/content/views';

/**
 * Which areas the dashboard has no baseline for in `year`, the way `rawAreas` picks one (the latest
 * year up to `year`; an area without its own falls back to the sum of its units' when every unit has
 * one): the units of the active set and the former districts, grouped by former district.
 */
export async function missingBaselines(
	db: Db,
	saved: Pick<Baseline, 'area' | 'year'>[],
	locale: Locale,
	year: number
): Promise<MissingBaselines> {
	const has = new Set(saved.filter((b) => b.year <= year).map((b) => b.area));
	const units = await activeRegions(db);
	const districts = await formerDistricts(db);
	const groups: MissingGroup[] = [];
	for (const d of districts) {
		const own = has.has(d.area);
		const inside = units.filter((u) => u.districtCode === d.code);
		const missing = inside.filter((u) => !has.has(u.id)).map((u) => localName(u, locale));
		const shows = own || (inside.length > 0 && missing.length === 0);
		const name = formerDistrictName(d, locale);
		if (!shows || missing.length) groups.push({ code: d.code, name, own, shows, units: missing });
	}
	// A unit outside every known former district (not in this province's data) still gets listed.
	const known = new Set(districts.map((d) => d.code));
	const elsewhere = units.filter((u) => !known.has(u.districtCode) && !has.has(u.id));
	if (elsewhere.length)
		groups.push({
			code: '',
			name: '',
			own: true,
			shows: false,
			units: elsewhere.map((u) => localName(u, locale))
		});
	const unitsMissing = units.filter((u) => !has.has(u.id)).length;
	const ownProvince = has.has(provinceArea);
	return {
		year,
		province: { own: ownProvince, shows: ownProvince || (units.length > 0 && !unitsMissing) },
		units: { total: units.length, missing: unitsMissing },
		districts: {
			total: districts.length,
			missing: groups.filter((g) => g.code && !g.shows).length
		},
		groups
	};
}
