import { scaleLinear } from 'd3-scale';
import { addMonths } from './outlook';
import { targets, type Period } from './metrics';

/** A point of the trend in the chart's box: x and y in percent of its width and height. */
export interface TrendPoint {
	period: string;
	value: number;
	x: number;
	y: number;
}

/**
 * The trend chart, drawn on the server: cumulative people reached per period, and the straight path
 * from the latest figure to 90% of the baseline in December 2030. The plot is a 100 × 100 box
 * stretched to its element (lines keep their width); labels are placed in percent by the page.
 */
export interface TrendChart {
	/** The reach line: one path, broken where a figure is hidden. */
	line: string;
	points: TrendPoint[];
	/** From the latest figure to the last target, when there is a baseline and it is not met. */
	needed: { path: string; to: { x: number; y: number; value: number; month: string } } | null;
	/** The targets' levels in people, when there is a baseline. */
	levels: { pct: number; year: string; value: number; y: number }[];
	yTicks: { value: number; y: number }[];
	xTicks: { year: string; x: number }[];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The month a period's figure stands at: its last month, or `asOf`'s while the period runs. */
export function periodMonth(period: string, kind: Period, asOf: string): string {
	const end =
		kind === 'month'
			? period
			: kind === 'year'
				? `${period}-12`
				: `${period.slice(0, 4)}-${String(3 * Number(period.slice(-1))).padStart(2, '0')}`;
	return end < asOf.slice(0, 7) ? end : asOf.slice(0, 7);
}

const monthIndex = (month: string) =>
	Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

export function trendChart(
	rows: { period: string; reached: number | null }[],
	kind: Period,
	asOf: string,
	baseline: number | null
): TrendChart {
	const last = targets.at(-1)!;
	const goalMonth = last.deadline.slice(0, 7);
	const first = rows.length ? periodMonth(rows[0]!.period, kind, asOf) : asOf.slice(0, 7);
	// From January of the first year with learning to the deadline (or today, without a baseline).
	const start = `${first.slice(0, 4)}-01`;
	const end = baseline === null ? addMonths(asOf.slice(0, 7), 1) : goalMonth;
	const x = scaleLinear()
		.domain([monthIndex(start), monthIndex(end)])
		.range([0, 100]);
	const levels = baseline === null ? [] : targets.map((t) => Math.ceil(t.share * baseline));
	const top = Math.max(10, ...rows.map((r) => r.reached ?? 0), ...levels);
	const y = scaleLinear().domain([0, top]).range([100, 0]).nice(4);
	const points = rows.flatMap((r) =>
		r.reached === null
			? []
			: [
					{
						period: r.period,
						value: r.reached,
						x: round(x(monthIndex(periodMonth(r.period, kind, asOf)))),
						y: round(y(r.reached))
					}
				]
	);
	let line = '';
	let open = false;
	for (const r of rows) {
		const p = points.find((q) => q.period === r.period);
		if (!p) open = false;
		else {
			line += `${open ? 'L' : 'M'}${p.x} ${p.y}`;
			open = true;
		}
	}
	const latest = points.at(-1);
	const goal = levels.at(-1);
	const needed =
		latest && goal !== undefined && latest.value < goal
			? {
					path: `M${latest.x} ${latest.y}L${round(x(monthIndex(goalMonth)))} ${round(y(goal))}`,
					to: {
						x: round(x(monthIndex(goalMonth))),
						y: round(y(goal)),
						value: goal,
						month: goalMonth
					}
				}
			: null;
	const years = Number(end.slice(0, 4)) - Number(start.slice(0, 4)) + 1;
	const step = years > 6 ? 2 : 1;
	return {
		line,
		points,
		needed,
		levels: targets
			.map((t, i) =>
				levels[i] === undefined
					? null
					: {
							pct: t.share * 100,
							year: t.deadline.slice(0, 4),
							value: levels[i],
							y: round(y(levels[i]))
						}
			)
			.filter((l) => l !== null),
		yTicks: y.ticks(4).map((value) => ({ value, y: round(y(value)) })),
		xTicks: Array.from({ length: years }, (_, i) => Number(start.slice(0, 4)) + i)
			.filter((year, i) => i % step === 0 && monthIndex(`${year}-01`) <= monthIndex(end))
			.map((year) => ({ year: String(year), x: round(x(monthIndex(`${year}-01`))) }))
	};
}
