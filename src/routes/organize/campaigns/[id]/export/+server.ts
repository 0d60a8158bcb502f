import { error } from '@sveltejs/kit';
import { campaignReport } from '$lib/server/campaigns/report';
import { ownCampaignOr404 } from '$lib/server/campaigns/views';
import { getCatalogue } from '$lib/server/content';
import { toCsv } from '$lib/server/csv';
import type { RequestHandler } from './$types';

const tables = ['summary', 'courses', 'questions', 'daily'] as const;
type Table = (typeof tables)[number];

/** The campaign's report as CSV (`toCsv`); suppressed figures are empty cells, as on the page. */
export const GET: RequestHandler = async (event) => {
	const { campaign } = await ownCampaignOr404(event);
	const table = (event.url.searchParams.get('table') ?? 'summary') as Table;
	if (!tables.includes(table)) error(400, event.locals.t('campaign.problem.table'));
	const { t, locale, db } = event.locals;
	const report = await campaignReport(db, getCatalogue(), campaign, locale);
	const blank = (v: number | null) => (v === null ? '' : v);
	const rows: (string | number)[][] =
		table === 'summary'
			? [
					[t('campaign.csv.metric'), t('campaign.csv.value')],
					[t('campaign.report.joined'), report.joined],
					[t('campaign.report.reached'), report.reached],
					[t('campaign.report.lessons'), report.lessonsCompleted],
					[t('campaign.report.attempts'), report.attempts],
					[t('campaign.report.passRate'), blank(report.passRate)],
					[t('campaign.report.target'), report.targetSize]
				]
			: table === 'courses'
				? [
						[
							t('campaign.csv.course'),
							t('campaign.report.learners'),
							t('campaign.report.lessons'),
							t('campaign.report.passRate')
						],
						...report.courses.map((c) => [
							c.title,
							blank(c.learners),
							blank(c.completions),
							blank(c.passRate)
						])
					]
				: table === 'questions'
					? [
							[
								t('campaign.csv.course'),
								t('campaign.csv.lesson'),
								t('campaign.csv.question'),
								t('campaign.csv.text'),
								t('campaign.report.answers'),
								t('campaign.report.wrongRate')
							],
							...report.questions.map((q) => [
								q.course,
								q.lesson,
								q.number,
								q.text,
								q.answers,
								blank(q.wrongRate)
							])
						]
					: [
							[t('campaign.csv.day'), t('campaign.report.lessons'), t('campaign.report.learners')],
							...report.daily.map((d) => [d.day, blank(d.completions), blank(d.learners)])
						];
	const csv = toCsv(rows);
	const name = `${campaign.joinCode}-${table}.csv`;
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
