import { and, asc, eq } from 'drizzle-orm';
import type { Locale } from '$lib/content/vocabulary';
import { baselineAreas, districtCodeOf, provinceArea } from '../areas';
import { auditStatement, type Actor } from '../audit';
import type { Db } from '../db/client';
import { baselines, type Baseline } from '../db/schema';
import type { BaselineRow, BaselineUnit } from './csv';

/**
 * The areas a file gives figures for, under the code its template shows: a unit's GSO code, a former
 * district's GSO code, `province`. In a district-level set a unit is its own former district, so only
 * the unit is listed; the district's baseline is then the unit's (the sum of its units).
 */
export async function baselineUnits(
	db: Db,
	locale: Locale,
	provinceName: string
): Promise<BaselineUnit[]> {
	const areas = await baselineAreas(db, locale, provinceName);
	const unitCode = (key: string) => key.slice(key.indexOf(':') + 1);
	const isUnit = (key: string) => key !== provinceArea && districtCodeOf(key) === null;
	const unitCodes = new Set(areas.filter((a) => isUnit(a.value)).map((a) => unitCode(a.value)));
	return areas.flatMap(({ value: key, name }) => {
		if (key === provinceArea) return [{ key, code: provinceArea, name }];
		const district = districtCodeOf(key);
		if (district === null) return [{ key, code: unitCode(key), name }];
		return unitCodes.has(district) ? [] : [{ key, code: district, name }];
	});
}

export function savedBaselines(db: Db): Promise<Baseline[]> {
	return db.select().from(baselines).orderBy(asc(baselines.area), asc(baselines.year));
}

export async function findBaseline(db: Db, area: string, year: number) {
	const [row] = await db
		.select()
		.from(baselines)
		.where(and(eq(baselines.area, area), eq(baselines.year, year)));
	return row;
}

export interface Figure {
	area: string;
	year: number;
	users: number;
	source: string;
	isDemo: boolean;
}

function upsert(db: Db, figure: Figure, actor: Actor, now: Date) {
	const row = {
		area: figure.area,
		year: figure.year,
		internetUsers: figure.users,
		source: figure.source,
		isDemo: figure.isDemo,
		enteredBy: actor.id,
		enteredAt: now
	};
	return db
		.insert(baselines)
		.values(row)
		.onConflictDoUpdate({ target: [baselines.area, baselines.year], set: row });
}

export type Change = 'new' | 'replaces' | 'same';

/** What saving a row would do to the figure saved for its area and year. */
export function changeOf(
	row: Pick<BaselineRow, 'key' | 'year' | 'users' | 'source'>,
	isDemo: boolean,
	saved: Baseline[]
): { change: Change; previous?: Baseline } {
	const previous = saved.find((b) => b.area === row.key && b.year === row.year);
	if (!previous) return { change: 'new' };
	const same =
		previous.internetUsers === row.users &&
		previous.source === row.source &&
		previous.isDemo === isDemo;
	return { change: same ? 'same' : 'replaces', previous };
}

/**
 * Saves a file's rows in one batch with its audit entry: all or nothing. Rows equal to what is saved
 * are left alone (a template uploaded again keeps who entered each figure, and its demo mark).
 * Returns how many rows were written.
 */
export async function saveFileRows(
	db: Db,
	actor: Actor,
	rows: BaselineRow[],
	isDemo: boolean,
	now = new Date()
): Promise<number> {
	const saved = await savedBaselines(db);
	const changed = rows.filter((r) => changeOf(r, isDemo, saved).change !== 'same');
	if (!changed.length) return 0;
	const detail = {
		count: changed.length,
		years: [...new Set(changed.map((r) => r.year))].sort(),
		areas: changed.map((r) => r.key),
		demo: isDemo
	};
	await db.batch([
		auditStatement(db, actor, 'baseline.imported', null, detail, now),
		...changed.map((r) => upsert(db, { ...r, area: r.key, isDemo }, actor, now))
	]);
	return changed.length;
}

/** Saves one figure (a new one, or over the area's figure for that year) with its audit entry. */
export async function saveFigure(db: Db, actor: Actor, figure: Figure, now = new Date()) {
	const previous = await findBaseline(db, figure.area, figure.year);
	const { year, users, isDemo: demo } = figure;
	await db.batch([
		upsert(db, figure, actor, now),
		auditStatement(
			db,
			actor,
			'baseline.saved',
			figure.area,
			{ year, users, demo, previous: previous?.internetUsers ?? null },
			now
		)
	]);
}

/** Deletes an area's figure for a year with its audit entry; the deleted row, or undefined. */
export async function deleteFigure(db: Db, actor: Actor, area: string, year: number) {
	const row = await findBaseline(db, area, year);
	if (!row) return undefined;
	await db.batch([
		db.delete(baselines).where(and(eq(baselines.area, area), eq(baselines.year, year))),
		auditStatement(db, actor, 'baseline.deleted', area, {
			year,
			users: row.internetUsers,
			source: row.source
		})
	]);
	return row;
}
