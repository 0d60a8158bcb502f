import { provinceDay } from '../dates';
import { suppressCells } from '../privacy';
import { gaps, type AreaFigures, type RawArea } from './metrics';

type Counts = Pick<AreaFigures, 'reached' | 'skilled' | 'inPersonVerified' | 'selfReported'>;
const counts = ['reached', 'skilled', 'inPersonVerified', 'selfReported'] as const;

/** An area's figures from its shown counts: reach % and the gaps only with a shown count. */
function figures(area: RawArea, shownCells: Counts, today: string): AreaFigures {
	const visible = shownCells.reached !== null;
	return {
		id: area.id,
		name: area.name,
		...shownCells,
		baseline: area.baseline,
		// Reach % and the gaps would give away a hidden count: they show only with the count.
		reachPct:
			area.baseline && visible
				? Math.round((1000 * area.reached) / area.baseline.users) / 10
				: null,
		targets: gaps(area.reached, area.baseline?.users ?? null, today).map((g) =>
			visible ? g : { ...g, gap: null, perMonth: null, hidden: true }
		)
	};
}

/** Where a province, its former districts and its units stand in one column, and its groups. */
interface Layout {
	districts: { code: string }[];
	units: { district: string }[];
}

/**
 * One column (a count per area: `province`, then `districts`, then `units`) hidden together, so that a
 * cell hidden on one page is hidden on every page that shows it: the province dashboard, a district's
 * dashboard and its annual report alike. It is suppressed across three kinds of group with a known
 * total: the province and its districts, the province and its units, and each district with its own
 * units (a district's report shows its figure and its units', so one hidden unit would be its total
 * minus the others). Totals (the province, then a district) are hidden only when nothing else would do.
 */
export function suppressTogether(
	{ districts, units }: Layout,
	province: number,
	districtValues: number[],
	unitValues: number[]
) {
	const districtAt = (i: number) => 1 + i;
	const unitAt = (i: number) => 1 + districts.length + i;
	const groups = [
		[0, ...districts.map((_, i) => districtAt(i))],
		[0, ...units.map((_, i) => unitAt(i))],
		...districts.map((d, i) => [
			districtAt(i),
			...units.flatMap((u, j) => (u.district === d.code ? [unitAt(j)] : []))
		])
	];
	const totals = new Set([0, ...districts.map((_, i) => districtAt(i))]);
	const out = suppressCells([province, ...districtValues, ...unitValues], groups, totals);
	return {
		province: out[0] ?? null,
		districts: districts.map((_, i) => out[districtAt(i)] ?? null),
		units: units.map((_, i) => out[unitAt(i)] ?? null)
	};
}

/** The province, its former districts and its units as shown: each count `suppressTogether`. */
export function presentProvince(
	province: RawArea,
	districts: (RawArea & { code: string })[],
	units: (RawArea & { district: string })[],
	today = provinceDay()
) {
	const columns = counts.map((key) =>
		suppressTogether(
			{ districts, units },
			province[key],
			districts.map((d) => d[key]),
			units.map((u) => u[key])
		)
	);
	const present = (area: RawArea, pick: (c: (typeof columns)[number]) => number | null) => {
		const shownCells = Object.fromEntries(
			counts.map((key, k) => [key, pick(columns[k]!)])
		) as Counts;
		// The skilled are some of the reached: with the reached hidden, "skilled: 12" beside "learned:
		// hidden" reads as a mistake. Hiding a count of 10 or more gives back no small one.
		if (shownCells.reached === null) shownCells.skilled = null;
		return figures(area, shownCells, today);
	};
	return {
		headline: present(province, (c) => c.province),
		districts: districts.map((d, i) => present(d, (c) => c.districts[i] ?? null)),
		units: units.map((u, i) => present(u, (c) => c.units[i] ?? null))
	};
}
