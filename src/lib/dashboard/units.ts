import { fold } from '$lib/places/search';

/** One row of the dashboard's units table (a commune or ward, or a former district), client-safe. */
export interface UnitRow {
	id: string;
	/** GSO code: the row's anchor (`#unit-<code>`) and its unit on the map. */
	code: string;
	name: string;
	/** False for learners who chose a pre-2025 district: their commune is not yet known. */
	known: boolean;
	/** Whether the map draws this unit (the map links to the row and the row to the map). */
	onMap: boolean;
	reached: number | null;
	skilled: number | null;
	reachPct: number | null;
	/** People still to reach for 90% by 2030: null without a baseline or when hidden. */
	gap: number | null;
	/** People a month needed for 90% by 2030: null when met, without a baseline or when hidden. */
	perMonth: number | null;
	/** The count is hidden (fewer than the minimum group), so the % and the gap are too. */
	hidden: boolean;
	baseline: { users: number; year: number; source: string; isDemo: boolean } | null;
}

export const unitSorts = [
	'name',
	'reached',
	'skilled',
	'reachPct',
	'gap',
	'perMonth',
	'baseline'
] as const;
export type UnitSort = (typeof unitSorts)[number];
export type SortDir = 'asc' | 'desc';

/** Lower case, without tone or vowel marks, in words: what a search and a name are compared as. */
const words = (text: string) =>
	fold(text.normalize('NFC'))
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);

/** The rows whose name holds every word typed, marks and case aside ("tan duong" finds Tân Dương). */
export function filterUnits<T extends { name: string }>(rows: T[], query: string): T[] {
	const typed = words(query);
	if (!typed.length) return rows;
	return rows.filter((row) => {
		const name = words(row.name).join(' ');
		return typed.every((w) => name.includes(w));
	});
}

const collator = new Intl.Collator('vi');
const valueOf = (row: UnitRow, sort: Exclude<UnitSort, 'name'>): number | null =>
	sort === 'baseline' ? (row.baseline?.users ?? null) : row[sort];

/** Sorted by one column; rows without a figure last either way, then by name. */
export function sortUnits(rows: UnitRow[], sort: UnitSort, dir: SortDir): UnitRow[] {
	const sign = dir === 'asc' ? 1 : -1;
	return [...rows].sort((a, b) => {
		if (sort === 'name') return sign * collator.compare(a.name, b.name);
		const [x, y] = [valueOf(a, sort), valueOf(b, sort)];
		if (x === null || y === null) return Number(x === null) - Number(y === null) || byName(a, b);
		return sign * (x - y) || byName(a, b);
	});
}

const byName = (a: UnitRow, b: UnitRow) => collator.compare(a.name, b.name);

/** The search and sort in an address (`?q=&sort=&dir=`), read leniently: anything else is the default. */
export function readUnitQuery(params: URLSearchParams): {
	q: string;
	sort: UnitSort;
	dir: SortDir;
} {
	const sort = params.get('sort') ?? '';
	return {
		q: (params.get('q') ?? '').slice(0, 100),
		sort: (unitSorts as readonly string[]).includes(sort) ? (sort as UnitSort) : 'name',
		dir: params.get('dir') === 'desc' ? 'desc' : 'asc'
	};
}

/**
 * The table's roles, written out: on a phone its rows are restyled as cards (CSS display), which
 * makes some browsers drop a table's semantics; explicit roles keep them. Spread as attributes.
 */
export const tableRoles = {
	table: { role: 'table' },
	rowgroup: { role: 'rowgroup' },
	row: { role: 'row' },
	columnheader: { role: 'columnheader' },
	rowheader: { role: 'rowheader' },
	cell: { role: 'cell' }
} as const;
