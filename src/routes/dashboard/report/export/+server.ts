import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/access';
import { toCsv } from '$lib/server/csv';
import { catchUp } from '$lib/server/reach/step';
import { annualReport, reportTables } from '$lib/server/report/annual';
import { reportScope } from '$lib/server/report/scope';
import { csvRows } from '$lib/server/report/tables';
import type { RequestHandler } from './$types';

/** One table of an annual report as CSV: the same figures as on paper, hidden cells empty. */
export const GET: RequestHandler = async (event) => {
	const user = requireRole(event, 'analyst', 'admin');
	const { db, t } = event.locals;
	await catchUp(db);
	const scope = await reportScope(db, user, event.url.searchParams.get('area'), {
		forbidden: t('error.forbidden'),
		notFound: t('error.notFound')
	});
	const report = await annualReport(event, scope);
	// No figure leaves while the rollups are rebuilt to a new definition: none is final yet.
	if (report.rebuilding) {
		const { done, total } = report.rebuilding;
		error(503, t('dashboard.rebuilding', { pct: total ? Math.floor((100 * done) / total) : 0 }));
	}
	const name = event.url.searchParams.get('table');
	const table = reportTables(report, event.locals.locale, t).find((x) => x.id === name);
	if (!table) error(400, t('campaign.problem.table'));
	const file = `report-${report.year}-${scope.area.replace(/[^a-z0-9-]+/gi, '-')}-${table.id}.csv`;
	return new Response(toCsv(csvRows(table)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${file}"`,
			'cache-control': 'private, no-store'
		}
	});
};
