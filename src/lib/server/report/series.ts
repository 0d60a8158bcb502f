import { scaleLinear } from 'd3-scale';
import type { trend } from '../dashboard/metrics';

type Trend = Awaited<ReturnType<typeof trend>>;

export interface MonthFigure {
	/** YYYY-MM */
	month: string;
	reached: number | null;
	skilled: number | null;
}

/**
 * Every month of `year` up to `asOf`, with the cumulative people reached and skilled at its end (a
 * month without newcomers carries the last total). When the scope's own total is hidden, so is its
 * series: its last month would give the hidden figure away.
 */
export function monthSeries(
	rows: Trend,
	year: number,
	asOf: string,
	shownTotal: { reached: number | null; skilled: number | null }
): MonthFigure[] {
	const last = asOf.startsWith(String(year)) ? Number(asOf.slice(5, 7)) : 12;
	const out: MonthFigure[] = [];
	for (let m = 1; m <= last; m++) {
		const month = `${year}-${String(m).padStart(2, '0')}`;
		const upTo = rows.filter((r) => r.period <= month).at(-1);
		out.push({
			month,
			reached: shownTotal.reached === null ? null : upTo ? upTo.reached : 0,
			skilled: shownTotal.skilled === null ? null : upTo ? upTo.skilled : 0
		});
	}
	return out;
}

export interface MonthChart {
	width: number;
	height: number;
	/** The plotting area's left and bottom edges. */
	left: number;
	bottom: number;
	bars: {
		month: string;
		x: number;
		y: number;
		width: number;
		height: number;
		value: number | null;
	}[];
	ticks: { y: number; value: number }[];
}

/**
 * A bar chart of the people reached so far at each month's end, in the SVG's own units (drawn on the
 * server; the monthly table beside it is its accessible alternative). A hidden month has no bar.
 */
export function monthChart(series: MonthFigure[], width = 640, height = 240): MonthChart {
	const [left, right, top, bottom] = [60, 8, 22, height - 30];
	const max = Math.max(10, ...series.map((m) => m.reached ?? 0));
	const y = scaleLinear().domain([0, max]).nice(4).range([bottom, top]);
	const step = (width - left - right) / 12;
	return {
		width,
		height,
		left,
		bottom,
		bars: series.map((m, i) => {
			const top = m.reached === null ? bottom : y(m.reached);
			return {
				month: m.month,
				x: Math.round((left + i * step + step * 0.15) * 10) / 10,
				y: Math.round(top * 10) / 10,
				width: Math.round(step * 0.7 * 10) / 10,
				height: Math.round((bottom - top) * 10) / 10,
				value: m.reached
			};
		}),
		ticks: y.ticks(4).map((value) => ({ y: Math.round(y(value) * 10) / 10, value }))
	};
}
