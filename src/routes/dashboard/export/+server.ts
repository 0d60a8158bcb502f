import { error } from '@sveltejs/kit';
import { toCsv } from '$lib/server/csv';
import { breakdownDims, type BreakdownDim } from '$lib/server/dashboard/metrics';
import { dashboardData } from '$lib/server/dashboard/view';
import type { RequestHandler } from './$types';

/** Every dashboard table as CSV (`toCsv`); suppressed cells are empty, as on screen. */
export const GET: RequestHandler = async (event) => {
	const data = await dashboardData(event);
	const { t } = event.locals;
	// No figure leaves while the rollups are rebuilt to a new definition: none is final yet.
	if (data.rebuilding) {
		const { done, total } = data.rebuilding;
		error(503, t('dashboard.rebuilding', { pct: total ? Math.floor((100 * done) / total) : 0 }));
	}
	const table = event.url.searchParams.get('table') ?? 'districts';
	const cell = (v: number | null | undefined) => (v === null || v === undefined ? '' : v);
	let rows: (string | number)[][];
	if (table === 'districts') {
		const areas = data.province ? [data.province, ...data.areas] : data.areas;
		rows = [
			[
				'district',
				'reached',
				'skilled',
				'in_person_verified',
				'self_reported',
				'baseline',
				'baseline_year',
				'baseline_is_demo',
				'reach_pct',
				'gap_80_by_2025',
				'gap_90_by_2030',
				'per_month_for_90'
			].map((k) => t(`dashboard.csvHead.${k}`)),
			...areas.map((a) => [
				a.name,
				cell(a.reached),
				cell(a.skilled),
				cell(a.inPersonVerified),
				cell(a.selfReported),
				cell(a.baseline?.users),
				cell(a.baseline?.year),
				a.baseline ? (a.baseline.isDemo ? t('dashboard.demo') : '') : '',
				cell(a.reachPct),
				cell(a.targets[0]?.gap),
				cell(a.targets[1]?.gap),
				cell(a.targets[1]?.perMonth)
			])
		];
	} else if (table === 'trend') {
		rows = [
			[t('dashboard.col.period'), t('dashboard.col.reached'), t('dashboard.col.skilled')],
			...data.trend.map((r) => [r.period, cell(r.reached), cell(r.skilled)])
		];
	} else if ((breakdownDims as readonly string[]).includes(table)) {
		const b = data.breakdowns.find((x) => x.dim === (table as BreakdownDim))!;
		rows = [
			[t(`dashboard.dim.${table}`), t('dashboard.col.reached'), t('dashboard.col.skilled')],
			...b.rows.map((r) => [r.label, cell(r.reached), cell(r.skilled)])
		];
	} else {
		error(400, t('campaign.problem.table'));
	}
	const extracted = new Date().toISOString().slice(0, 10);
	return new Response(toCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="reach-${table}-${extracted}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
