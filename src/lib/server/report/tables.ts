import type { TFunction } from 'i18next';
import type { Cell } from '$lib/components/report/cells';
import type { AreaFigures } from '../dashboard/metrics';
import type { MonthFigure } from './series';

export interface ReportTable {
	id: 'units' | 'districts' | 'months' | 'courses';
	/** `head` marks the column that names each row (read out with every cell of the row). */
	columns: { label: string; num?: boolean; head?: boolean; csvOnly?: boolean }[];
	rows: { key: string; cells: Cell[] }[];
}

const count = (v: number | null): Cell => (v === null ? { hidden: true } : { n: v });
const pct = (a: AreaFigures): Cell =>
	a.reachPct !== null
		? { n: a.reachPct, pct: true }
		: a.reached === null
			? { hidden: true }
			: { none: true };
const baseline = (a: AreaFigures): Cell =>
	a.baseline ? { n: a.baseline.users, demo: a.baseline.isDemo } : { none: true };

/** The units or former districts of a scope: the same columns on paper and in the CSV. */
export function areaTable(
	id: 'units' | 'districts',
	areas: AreaFigures[],
	t: TFunction
): ReportTable {
	return {
		id,
		columns: [
			{ label: t('report.col.no'), num: true },
			{ label: t(id === 'units' ? 'report.col.unit' : 'report.col.district'), head: true },
			{ label: t('report.col.reached'), num: true },
			{ label: t('report.col.skilled'), num: true },
			{ label: t('report.col.inPerson'), num: true },
			{ label: t('report.col.baseline'), num: true },
			{ label: t('report.col.reachPct'), num: true },
			{ label: t('report.col.demo'), csvOnly: true }
		],
		rows: areas.map((a, i) => ({
			key: a.id,
			cells: [
				{ n: i + 1 },
				{ text: a.name },
				count(a.reached),
				count(a.skilled),
				count(a.inPersonVerified),
				baseline(a),
				pct(a),
				{ text: a.baseline?.isDemo ? t('dashboard.demo') : '' }
			]
		}))
	};
}

export function monthTable(
	months: MonthFigure[],
	label: (month: string) => string,
	t: TFunction
): ReportTable {
	return {
		id: 'months',
		columns: [
			{ label: t('report.col.month'), head: true },
			{ label: t('report.col.reachedSoFar'), num: true },
			{ label: t('report.col.skilledSoFar'), num: true }
		],
		rows: months.map((m) => ({
			key: m.month,
			cells: [{ text: label(m.month) }, count(m.reached), count(m.skilled)]
		}))
	};
}

export function courseTable(
	courses: { value: string; label: string; reached: number | null; skilled: number | null }[],
	t: TFunction
): ReportTable {
	return {
		id: 'courses',
		columns: [
			{ label: t('report.col.course'), head: true },
			{ label: t('report.col.reached'), num: true },
			{ label: t('report.col.skilled'), num: true }
		],
		rows: courses.map((c) => ({
			key: c.value,
			cells: [{ text: c.label }, count(c.reached), count(c.skilled)]
		}))
	};
}

/** A table as CSV rows: numbers as they are, hidden and missing cells empty, the header first. */
export function csvRows(table: ReportTable): (string | number)[][] {
	return [
		table.columns.map((c) => c.label),
		...table.rows.map((r) => r.cells.map((c) => ('n' in c ? c.n : 'text' in c ? c.text : '')))
	];
}

/** A month as the tables and the chart name it: "Tháng 3/2026", "March 2026". */
export function monthLabel(month: string, locale: 'vi' | 'en', t: TFunction): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const name = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(
		new Date(Date.UTC(y, m - 1, 1))
	);
	return t('report.month', { m: locale === 'en' ? name : m, y });
}
