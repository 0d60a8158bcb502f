import type { UnitRow } from '$lib/dashboard/units';
import { formatPct } from '$lib/format';
import { error, type RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { provinceArea } from '../areas';
import { requireRole } from '../auth/access';
import { getCatalogue } from '../content';
import { activeRegions } from '../db/regions';
import { campaigns, organizations } from '../db/schema';
import { catchUp } from '../reach/step';
import { choropleth } from './map';
import { reachFigures, type ReachFigures } from './figures';
import {
	breakdown,
	breakdownDims,
	periods,
	trend,
	type AreaFigures,
	type BreakdownDim,
	type Period
} from './metrics';
import { trendChart } from './trend-chart';

export type DashboardEvent = Pick<RequestEvent, 'locals' | 'url'>;

export const dashboardViews = ['units', 'districts'] as const;
export type DashboardView = (typeof dashboardViews)[number];

/** The signed-in analyst's scope: a former district's staff see that district, others the province. */
export function scopeOf(user: { scope: string | null }): string {
	return user.scope ?? provinceArea;
}

/** The figures of a scope, named for the page's language (the dashboard, its CSV, the report). */
export function figuresFor(event: DashboardEvent, scope: string, asOf?: string) {
	const { db, locale, t } = event.locals;
	return reachFigures(
		db,
		{
			scope,
			locale,
			names: {
				province: t('dashboard.province'),
				unknownCommune: (district) => t('dashboard.unknownCommune', { district })
			}
		},
		asOf
	);
}

/**
 * Everything the dashboard shows, for the signed-in analyst's scope: its headline, and its units
 * (today's communes and wards) or its former districts (`?view=districts`, comparable with 2022).
 */
export async function dashboardData(event: DashboardEvent) {
	const user = requireRole(event, 'analyst', 'admin');
	const { db, locale, t } = event.locals;
	// Fold in events recorded in the last moments (bounded), so the figures are current.
	await catchUp(db);
	const scope = scopeOf(user);
	const all = await activeRegions(db);
	if (!all.length) error(503, t('dashboard.noRegionSet'));
	const figures = await figuresFor(event, scope);
	const view: DashboardView =
		event.url.searchParams.get('view') === 'districts' ? 'districts' : 'units';
	const areas = view === 'districts' ? figures.districts : figures.units;
	const period = (periods as string[]).includes(event.url.searchParams.get('period') ?? '')
		? (event.url.searchParams.get('period') as Period)
		: 'month';

	const catalogue = getCatalogue();
	const campaignRows = await db
		.select({ id: campaigns.id, title: campaigns.title, org: organizations.name })
		.from(campaigns)
		.innerJoin(organizations, eq(organizations.id, campaigns.organizationId));
	const label = (dim: BreakdownDim, value: string): string => {
		if (dim === 'course')
			return catalogue.courses.find((c) => c.slug === value)?.text[locale].title ?? value;
		if (dim === 'audience') return t(`audience.${value}`);
		if (dim === 'age') return value === 'unknown' ? t('profile.ageUnset') : t(`ageBand.${value}`);
		if (dim === 'orgtype') return t(`orgType.${value}`);
		const c = campaignRows.find((r) => r.id === value);
		return c ? `${c.title} (${c.org})` : value;
	};
	const breakdowns = await Promise.all(
		breakdownDims.map(async (dim) => ({
			dim,
			rows: (await breakdown(db, scope, dim, figures.asOf)).map((r) => ({
				...r,
				label: label(dim, r.value)
			}))
		}))
	);
	const map = choropleth(
		all[0]!.setCode,
		figures.units.map((a) => ({
			code: a.code,
			name: a.name,
			pct: a.reachPct,
			figure:
				a.reachPct !== null
					? formatPct(a.reachPct, locale)
					: t(a.reached === null ? 'dashboard.suppressed' : 'dashboard.map.noFigure')
		})),
		locale
	);
	const trendRows = await trend(db, scope, period, figures.asOf);
	return {
		rebuilding: figures.rebuilding,
		scope: scope === provinceArea ? ('province' as const) : ('district' as const),
		asOf: figures.asOf,
		map,
		canEditBaselines: scope === provinceArea,
		province: figures.headline,
		outlook: figures.outlook,
		held: figures.held,
		late: figures.late,
		noBaseline: figures.units.filter((u) => u.known && !u.baseline).map((u) => u.name),
		unitCount: figures.units.filter((u) => u.known).length,
		areas,
		rows: areas.map((a) => unitRow(a, view === 'units' && !!map)),
		view,
		period,
		trend: trendRows,
		trendChart: trendChart(
			trendRows,
			period,
			figures.asOf,
			figures.headline.baseline?.users ?? null
		),
		breakdowns
	};
}

/** A row of the units table: the figures it shows, the gap and pace for the last target. */
function unitRow(
	a: AreaFigures & { code: string } & Partial<Pick<ReachFigures['units'][number], 'known'>>,
	onMap: boolean
): UnitRow {
	const last = a.targets.at(-1)!;
	return {
		id: a.id,
		code: a.code,
		name: a.name,
		known: a.known ?? true,
		onMap: onMap && (a.known ?? true),
		reached: a.reached,
		skilled: a.skilled,
		reachPct: a.reachPct,
		gap: last.gap,
		perMonth: last.perMonth,
		hidden: a.reached === null,
		baseline: a.baseline
	};
}
