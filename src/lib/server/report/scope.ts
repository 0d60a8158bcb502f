import { error } from '@sveltejs/kit';
import { localName, type Locale } from '$lib/content/vocabulary';
import { districtArea, districtCodeOf, isScope, provinceArea, scopeChoices } from '../areas';
import type { Db } from '../db/client';
import { activeRegions, findRegion } from '../db/regions';

/**
 * What one annual report covers: the province, a former district (`district:<code>`), or one unit (a
 * commune or ward, by its region id), which is read from its former district's figures so that it
 * shows what the district's own report shows for it.
 */
export type ReportScope =
	| { kind: 'province'; area: typeof provinceArea; figures: typeof provinceArea; unit: null }
	| { kind: 'district'; area: string; figures: string; unit: null }
	| { kind: 'unit'; area: string; figures: string; unit: string };

/**
 * The scope `?area=` names, for this analyst: a district's staff only their district and its units
 * (403 otherwise); an area that does not exist is 404. With no `?area=`, the analyst's own scope.
 */
export async function reportScope(
	db: Db,
	user: { scope: string | null },
	requested: string | null,
	messages: { forbidden: string; notFound: string }
): Promise<ReportScope> {
	const area = requested || user.scope || provinceArea;
	if (area === provinceArea) {
		if (user.scope) error(403, messages.forbidden);
		return { kind: 'province', area, figures: area, unit: null };
	}
	if (districtCodeOf(area) !== null) {
		if (!(await isScope(db, area))) error(404, messages.notFound);
		if (user.scope && user.scope !== area) error(403, messages.forbidden);
		return { kind: 'district', area, figures: area, unit: null };
	}
	const region = await findRegion(db, area);
	if (!region) error(404, messages.notFound);
	const district = districtArea(region.districtCode);
	if (user.scope && user.scope !== district) error(403, messages.forbidden);
	return { kind: 'unit', area, figures: district, unit: region.id };
}

/** The areas this analyst can report on, for the form: each former district, then its units. */
export async function reportChoices(
	db: Db,
	user: { scope: string | null },
	locale: Locale,
	provinceName: string
) {
	const units = await activeRegions(db);
	const districts = (await scopeChoices(db, locale)).filter(
		(d) => !user.scope || d.value === user.scope
	);
	return {
		province: user.scope ? null : { id: provinceArea, name: provinceName },
		districts: districts.map((d) => ({
			id: d.value,
			name: d.name,
			units: units
				.filter((u) => districtArea(u.districtCode) === d.value)
				.map((u) => ({ id: u.id, name: localName(u, locale) }))
		}))
	};
}
