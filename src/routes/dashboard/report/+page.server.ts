import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/access';
import { provinceDay } from '$lib/server/dates';
import { isScope, provinceArea, scopeChoices } from '$lib/server/areas';
import { figuresFor, scopeOf } from '$lib/server/dashboard/view';
import { breakdown, trend } from '$lib/server/dashboard/metrics';
import { getCatalogue } from '$lib/server/content';
import { minGroupSize } from '$lib/server/privacy';
import { reportTerms } from '$lib/server/reach/definition';
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
	const scope = event.url.searchParams.get('area') ?? scopeOf(user);
	if (user.scope && scope !== user.scope) error(403, t('error.forbidden'));
	if (!(await isScope(db, scope === provinceArea ? null : scope))) error(404, t('error.notFound'));
	const figures = await figuresFor(event, scope, asOf);
	const summary = figures.headline;
	const catalogue = getCatalogue();
	return {
		rebuilding: figures.rebuilding,
		year,
		asOf,
		extractedAt: new Date().toISOString().replace('T', ' ').slice(0, 16),
		scopeName: summary.name,
		isProvince: scope === provinceArea,
		summary,
		areas: figures.units,
		districts: scope === provinceArea ? figures.districts : [],
		months: (await trend(db, scope, 'month', asOf)).filter((m) =>
			m.period.startsWith(String(year))
		),
		courses: (await breakdown(db, scope, 'course', asOf)).map((r) => ({
			...r,
			label: catalogue.courses.find((c) => c.slug === r.value)?.text[locale].title ?? r.value
		})),
		choices: {
			years: Array.from({ length: Number(today.slice(0, 4)) - 2021 }, (_, i) => 2022 + i),
			areas: user.scope
				? []
				: (await scopeChoices(db, locale)).map((c) => ({ id: c.value, name: c.name }))
		},
		area: scope,
		terms: reportTerms,
		minGroupSize
	};
};
