import { localName } from '$lib/content/vocabulary';
import { formatPct } from '$lib/format';
import { error, type RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { requireRole } from '../auth/access';
import { getCatalogue } from '../content';
import { activeRegions } from '../db/regions';
import { campaigns, organizations } from '../db/schema';
import { catchUp } from '../reach/step';
import { choropleth } from './map';
import { reachFigures } from './figures';
import {
	breakdown,
	breakdownDims,
	periods,
	trend,
	type BreakdownDim,
	type Period
} from './metrics';

export type DashboardEvent = Pick<RequestEvent, 'locals' | 'url'>;

/** Everything the dashboard shows, for the signed-in analyst's scope (a district's staff: that district). */
export async function dashboardData(event: DashboardEvent) {
	const user = requireRole(event, 'analyst', 'admin');
	const { db, locale, t } = event.locals;
	// Fold in events recorded in the last moments (bounded), so the figures are current.
	await catchUp(db);
	const all = await activeRegions(db);
	const scoped = user.regionId ? all.filter((r) => r.id === user.regionId) : all;
	if (!scoped.length) error(403, t('error.forbidden'));
	const ids = scoped.map((r) => r.id);
	const figures = await reachFigures(
		db,
		scoped.map((r) => ({ id: r.id, code: r.code, name: localName(r, locale) })),
		t('dashboard.province')
	);
	const areas = figures.areas;
	const province = user.regionId ? null : figures.province;
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
			rows: (await breakdown(db, ids, dim)).map((r) => ({ ...r, label: label(dim, r.value) }))
		}))
	);
	const map = choropleth(
		scoped[0]!.setCode,
		areas.map((a) => ({
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
	return {
		rebuilding: figures.rebuilding,
		scope: user.regionId ? ('district' as const) : ('province' as const),
		map,
		canEditBaselines: !user.regionId,
		province,
		areas,
		period,
		trend: await trend(db, ids, period),
		breakdowns
	};
}
