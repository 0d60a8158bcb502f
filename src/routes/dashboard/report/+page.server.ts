import { localName } from '$lib/content/vocabulary';
import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/access';
import { provinceDay } from '$lib/server/dates';
import { reachFigures } from '$lib/server/dashboard/figures';
import { breakdown, trend } from '$lib/server/dashboard/metrics';
import { getCatalogue } from '$lib/server/content';
import { activeRegions } from '$lib/server/db/regions';
import { minGroupSize } from '$lib/server/privacy';
import { definitionTerms } from '$lib/server/reach/definition';
import { catchUp } from '$lib/server/reach/step';
import type { PageServerLoad } from './$types';

/**
 * The annual report for the province or one district, as of the end of the year (or today, for the
 * current year): figures, definitions and the date of extraction, laid out to print on A4.
 */
export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'analyst', 'admin');
	const { db, locale, t } = event.locals;
	await catchUp(db);
	const today = provinceDay();
	const year = Number(event.url.searchParams.get('year') ?? today.slice(0, 4));
	if (!Number.isInteger(year) || year < 2022 || year > Number(today.slice(0, 4)))
		error(400, t('annual.badYear'));
	const asOf = `${year}-12-31` < today ? `${year}-12-31` : today;
	const all = await activeRegions(db);
	const areaParam = event.url.searchParams.get('area') ?? user.regionId ?? 'province';
	if (user.regionId && areaParam !== user.regionId) error(403, t('error.forbidden'));
	const scoped = areaParam === 'province' ? all : all.filter((r) => r.id === areaParam);
	if (!scoped.length) error(404, t('error.notFound'));
	const ids = scoped.map((r) => r.id);
	const figures = await reachFigures(
		db,
		scoped.map((r) => ({ id: r.id, code: r.code, name: localName(r, locale) })),
		t('dashboard.province'),
		asOf
	);
	const areas = figures.areas;
	const summary = areaParam === 'province' ? figures.province : areas[0]!;
	const catalogue = getCatalogue();
	return {
		rebuilding: figures.rebuilding,
		year,
		asOf,
		extractedAt: new Date().toISOString().replace('T', ' ').slice(0, 16),
		scopeName: summary.name,
		isProvince: areaParam === 'province',
		summary,
		areas: areaParam === 'province' ? areas : [],
		months: (await trend(db, ids, 'month', asOf)).filter((m) => m.period.startsWith(String(year))),
		courses: (await breakdown(db, ids, 'course', asOf)).map((r) => ({
			...r,
			label: catalogue.courses.find((c) => c.slug === r.value)?.text[locale].title ?? r.value
		})),
		choices: {
			years: Array.from({ length: Number(today.slice(0, 4)) - 2021 }, (_, i) => 2022 + i),
			areas: user.regionId ? [] : all.map((r) => ({ id: r.id, name: localName(r, locale) }))
		},
		area: areaParam,
		terms: definitionTerms,
		minGroupSize
	};
};
