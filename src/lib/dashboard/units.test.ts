import { describe, expect, it } from 'vitest';
import { filterUnits, readUnitQuery, sortUnits, type UnitRow } from './units';

const row = (name: string, reachPct: number | null, extra: Partial<UnitRow> = {}): UnitRow => ({
	id: name,
	code: name,
	name,
	known: true,
	onMap: true,
	reached: reachPct === null ? null : reachPct * 10,
	skilled: null,
	reachPct,
	gap: null,
	perMonth: null,
	hidden: reachPct === null,
	baseline: null,
	...extra
});

const rows = [row('Xã Tân Dương', 12.5), row('Phường Mỹ Tho', 3), row('Xã Mỹ Thọ', null)];

describe('filterUnits', () => {
	it('finds names marks and case aside, every word typed', () => {
		expect(filterUnits(rows, 'tan duong').map((r) => r.name)).toEqual(['Xã Tân Dương']);
		expect(filterUnits(rows, 'MY THO').map((r) => r.name)).toEqual(['Phường Mỹ Tho', 'Xã Mỹ Thọ']);
		expect(filterUnits(rows, 'phường mỹ').map((r) => r.name)).toEqual(['Phường Mỹ Tho']);
		expect(filterUnits(rows, 'đuong')).toHaveLength(1);
		expect(filterUnits(rows, '  ')).toHaveLength(3);
		expect(filterUnits(rows, 'hà nội')).toHaveLength(0);
	});
});

describe('sortUnits', () => {
	it('sorts by a figure, rows without one last in both directions', () => {
		expect(sortUnits(rows, 'reachPct', 'asc').map((r) => r.reachPct)).toEqual([3, 12.5, null]);
		expect(sortUnits(rows, 'reachPct', 'desc').map((r) => r.reachPct)).toEqual([12.5, 3, null]);
	});

	it('sorts names in Vietnamese order', () => {
		expect(sortUnits(rows, 'name', 'asc').map((r) => r.name)).toEqual([
			'Phường Mỹ Tho',
			'Xã Mỹ Thọ',
			'Xã Tân Dương'
		]);
	});

	it('sorts by baseline users', () => {
		const withBase = [
			row('A', 1, { baseline: { users: 900, year: 2026, source: 's', isDemo: false } }),
			row('B', 1, { baseline: { users: 100, year: 2026, source: 's', isDemo: false } })
		];
		expect(sortUnits(withBase, 'baseline', 'asc').map((r) => r.name)).toEqual(['B', 'A']);
	});
});

describe('readUnitQuery', () => {
	it('reads known sorts and falls back on anything else', () => {
		expect(readUnitQuery(new URLSearchParams('q=my&sort=gap&dir=desc'))).toEqual({
			q: 'my',
			sort: 'gap',
			dir: 'desc'
		});
		expect(readUnitQuery(new URLSearchParams('sort=drop&dir=x'))).toEqual({
			q: '',
			sort: 'name',
			dir: 'asc'
		});
	});
});
