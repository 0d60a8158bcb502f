import { error, type RequestEvent } from '@sveltejs/kit';
import type { TFunction } from 'i18next';
import type { Locale } from '$lib/content/vocabulary';
import { formatPct } from '$lib/format';
import { getCatalogue } from '../content';
import { provinceArea } from '../areas';
import { lastCompleteDay, provinceDay, provinceTime } from '../dates';
import { activeRegions } from '../db/regions';
import { choropleth } from '../dashboard/map';
import { everyYear, type YearFigures } from '../dashboard/figures-years';
import { breakdown, gaps, targets, trend, type AreaFigures } from '../dashboard/metrics';
import { figuresFor } from '../dashboard/view';
import type { ReportScope } from './scope';
import { monthSeries } from './series';
import { areaTable, courseTable, monthLabel, monthTable, type ReportTable } from './tables';

type Event = Pick<RequestEvent, 'locals' | 'url'>;

/** The first year a report can be asked for: the plan's. */
export const firstReportYear = 2022;

/** The report's year from `?year=` (the current year by default), and the day its figures stop. */
export function reportYear(query: URLSearchParams, message: string) {
	const today = provinceDay();
	const year = Number(query.get('year') ?? today.slice(0, 4));
	if (!Number.isInteger(year) || year < firstReportYear || year > Number(today.slice(0, 4)))
		error(400, message);
	const end = `${year}-12-31`;
	// The year still running is provisional: its figures go up to the last complete day, as the
	// dashboard's and reach:figures' do.
	const upTo = lastCompleteDay();
	return { year, asOf: end < upTo ? end : upTo, provisional: end >= today };
}

/** The scope's own line and its units, as its report shows them (a unit: its district's row for it). */
async function scopeFigures(event: Event, scope: ReportScope, asOf: string) {
	const figures = await figuresFor(event, scope.figures, asOf);
	if (scope.kind !== 'unit')
		return {
			figures,
			headline: figures.headline,
			held: figures.held.reached,
			units: figures.units
		};
	const row = figures.units.find((u) => u.id === scope.unit);
	if (!row) error(404, event.locals.t('error.notFound'));
	return { figures, headline: row as AreaFigures, held: row.held, units: [] };
}

export interface TargetRow {
	pct: number;
	deadline: string;
	/** The day the figures are of: the deadline once it has passed, else the report's day. */
	at: string;
	reached: number | null;
	reachPct: number | null;
	gap: number | null;
	perMonth: number | null;
	hidden: boolean;
}

/** Each target of the plan with the figures that judge it: 80% with the scope at 31/12/2025. */
async function targetRows(
	event: Event,
	scope: ReportScope,
	asOf: string,
	now: AreaFigures,
	years: YearFigures[]
) {
	const rows: TargetRow[] = [];
	for (const [i, target] of targets.entries()) {
		const at = target.deadline < asOf ? target.deadline : asOf;
		// A deadline in a closed year is judged by the figure issued for it.
		const area =
			at === asOf
				? now
				: asIssued(
						(await scopeFigures(event, scope, at)).headline,
						years.find((y) => y.year === at.slice(0, 4)),
						at
					).headline;
		const gap = area.targets[i]!;
		rows.push({
			pct: target.share * 100,
			deadline: target.deadline,
			at,
			reached: area.reached,
			reachPct: area.reachPct,
			gap: gap.gap,
			perMonth: at === target.deadline ? null : gap.perMonth,
			hidden: !!gap.hidden
		});
	}
	return rows;
}

/**
 * The baselines a report rests on, once each (source, year, sample or not), with how many areas use
 * it; `summed` when the scope has no figure of its own and adds up its units' figures.
 */
export function baselineSources(
	headline: AreaFigures,
	units: (AreaFigures & { known?: boolean })[]
) {
	const sources = new Map<
		string,
		{ source: string; year: number; isDemo: boolean; areas: number }
	>();
	const summed = headline.baseline?.source === '';
	let missing = 0;
	// A "commune not yet known" row is no area: it has no estimate to miss. The scope's own line counts
	// as missing only in a report with no units (a commune's); a province or district without its own
	// estimate is said apart (its reach % waits for every unit's).
	const areas = units.filter((u) => u.known !== false);
	for (const a of summed ? areas : [headline, ...areas]) {
		if (!a.baseline) {
			if (a !== headline || !areas.length) missing++;
			continue;
		}
		const { source, year, isDemo } = a.baseline;
		const key = `${source}\u0000${year}\u0000${isDemo}`;
		const found = sources.get(key) ?? { source, year, isDemo, areas: 0 };
		found.areas++;
		sources.set(key, found);
	}
	return { sources: [...sources.values()].sort((a, b) => b.areas - a.areas), missing, summed };
}

/**
 * A closed year's report shows the figures as issued, which never change; the people who came to that
 * year after it was closed stand beside them as late, never added. Reach % and the gaps follow the
 * issued count. An open year (or a hidden issued count) is left as it is.
 */
function asIssued(headline: AreaFigures, year: YearFigures | undefined, asOf: string) {
	if (!year?.issued) return { headline, closed: null };
	const reached = year.reached;
	const closed = { year: year.year, issued: year.issued, late: year.late };
	if (reached === null)
		return { headline: { ...headline, reached: null, skilled: null, reachPct: null }, closed };
	const users = headline.baseline?.users ?? null;
	return {
		headline: {
			...headline,
			reached,
			skilled: year.skilled,
			reachPct: users ? Math.round((1000 * reached) / users) / 10 : null,
			targets: gaps(reached, users, asOf)
		},
		closed
	};
}

/** Everything one annual report shows, read once: the page and its CSV files both come from here. */
export async function annualReport(event: Event, scope: ReportScope) {
	const { db, locale, t } = event.locals;
	const { year, asOf, provisional } = reportYear(event.url.searchParams, t('annual.badYear'));
	const now = Date.now();
	const current = await scopeFigures(event, scope, asOf);
	const { figures, held, units } = current;
	const years = scope.kind === 'unit' ? await everyYear(db, scope.area, asOf) : figures.byYear;
	const { headline, closed } = asIssued(
		current.headline,
		years.find((y) => y.year === String(year)),
		asOf
	);
	const months = monthSeries(await trend(db, scope.area, 'month', asOf), year, asOf, headline);
	const catalogue = getCatalogue();
	const courses =
		scope.kind === 'unit'
			? null
			: (await breakdown(db, scope.area, 'course', asOf)).map((r) => ({
					...r,
					label: catalogue.courses.find((c) => c.slug === r.value)?.text[locale].title ?? r.value
				}));
	const set = (await activeRegions(db))[0]?.setCode;
	const mapped = figures.units.filter((u) => u.known);
	const map = set
		? choropleth(
				set,
				mapped.map((a) => ({
					code: a.code,
					name: a.name,
					pct: a.reachPct,
					figure:
						a.reachPct !== null
							? formatPct(a.reachPct, locale)
							: t(a.reached === null ? 'dashboard.suppressed' : 'dashboard.map.noFigure')
				})),
				locale
			)
		: null;
	const highlight =
		scope.kind === 'unit' ? (mapped.find((u) => u.id === scope.unit)?.code ?? null) : null;
	return {
		rebuilding: figures.rebuilding,
		year,
		asOf,
		provisional,
		extracted: { day: provinceDay(now), time: provinceTime(now) },
		headline,
		/** Held for review: shown beside the official figure, never added to it. */
		held,
		/** Set when the year was closed: the day, and the people who came late (beside, not added). */
		closed,
		targets: await targetRows(event, scope, asOf, headline, years),
		units,
		districts: scope.area === provinceArea ? figures.districts : [],
		months,
		courses,
		map,
		highlight,
		baselines: baselineSources(headline, units)
	};
}

export type AnnualReport = Awaited<ReturnType<typeof annualReport>>;

/** The report's tables, the same for the page and for its CSV files. */
export function reportTables(report: AnnualReport, locale: Locale, t: TFunction): ReportTable[] {
	return [
		...(report.units.length ? [areaTable('units', report.units, t)] : []),
		...(report.districts.length ? [areaTable('districts', report.districts, t)] : []),
		monthTable(report.months, (m) => monthLabel(m, locale, t), t),
		...(report.courses ? [courseTable(report.courses, t)] : [])
	];
}
