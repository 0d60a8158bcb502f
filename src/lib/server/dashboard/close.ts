import { sql } from 'drizzle-orm';
import { provinceArea } from '../areas';
import { auditStatement, type Actor } from '../audit';
import type { Db } from '../db/client';
import { periods } from '../db/schema';
import { lastClosableYear } from '../dates';
import { rollupsAreCurrent } from '../reach/rebuild';
import { catchUp } from '../reach/step';
import { figuresJson, reachFigures } from './figures';

/** Why a year cannot be closed now. */
export type CloseRefusal = 'not-over' | 'closed' | 'rebuilding' | 'busy';

/** How often the figures are taken again when learning arrived while they were taken. */
const attempts = 20;
/** Decisions this close before the figures were taken may still be committing: taken again. */
const decisionMarginMs = 5_000;

async function state(db: Db) {
	const [row] = (await db.all(sql`SELECT
		(SELECT coalesce(max(rowid), 0) FROM learning_events) AS last,
		(SELECT coalesce(last_rowid, 0) FROM rollup_state WHERE id = 1) AS folded`)) as {
		last: number;
		folded: number | null;
	}[];
	return { last: Number(row?.last ?? 0), folded: Number(row?.folded ?? 0) };
}

/** The province's people reached and skilled by `end`, unrounded (reach:verify adds them up). */
async function exactProvince(db: Db, end: string) {
	const [row] = (await db.all(sql`SELECT
		count(*) FILTER (WHERE kind = 'reached') AS reached,
		count(*) FILTER (WHERE kind = 'skilled') AS skilled
		FROM reach_firsts WHERE area = 'province' AND dim = 'all' AND first_day <= ${end}`)) as {
		reached: number;
		skilled: number;
	}[];
	return { reached: Number(row?.reached ?? 0), skilled: Number(row?.skilled ?? 0) };
}

async function decidedSince(db: Db, since: number): Promise<boolean> {
	const [row] = (await db.all(sql`SELECT
		EXISTS (SELECT 1 FROM holds WHERE decided_at >= ${since})
		OR EXISTS (SELECT 1 FROM learners WHERE vouched_at >= ${since}) AS moved`)) as {
		moved: number;
	}[];
	return !!row?.moved;
}

/**
 * Closes a year when its report is issued: its province figures as of 31 December are kept as issued
 * (the JSON `reach:figures` prints), with the last event they hold. Learning of that year that comes
 * later is counted as late beside them (`evidence.ts`); the issued figures never change. The figures
 * are taken with every event folded in and nothing arriving or decided meanwhile (else taken again),
 * so issued and late add up exactly to the figures of any later day.
 */
export async function closeYear(
	db: Db,
	year: number,
	by: Actor,
	names: { province: string; unknownCommune: (district: string) => string },
	now = () => new Date()
): Promise<{ refused: CloseRefusal } | { closed: true }> {
	if (!Number.isInteger(year) || year > lastClosableYear(now().getTime()))
		return { refused: 'not-over' };
	const [existing] = await db
		.select()
		.from(periods)
		.where(sql`${periods.year} = ${year}`);
	if (existing) return { refused: 'closed' };
	if (!(await rollupsAreCurrent(db))) return { refused: 'rebuilding' };
	for (let i = 0; i < attempts; i++) {
		if (i) await new Promise((resolve) => setTimeout(resolve, 500));
		await catchUp(db, 1_000);
		const started = now().getTime();
		const before = await state(db);
		if (before.folded !== before.last) continue;
		const figures = await reachFigures(
			db,
			{ scope: provinceArea, locale: 'vi', names },
			`${year}-12-31`
		);
		const exact = await exactProvince(db, `${year}-12-31`);
		const after = await state(db);
		if (after.last !== before.last || after.folded !== before.folded) continue;
		if (await decidedSince(db, started - decisionMarginMs)) continue;
		const closedAt = now();
		try {
			await db.batch([
				db.insert(periods).values({
					year,
					closedAt,
					closedBy: by.id,
					lastRowid: before.last,
					issued: JSON.stringify({ ...figuresJson(figures), exact })
				}),
				auditStatement(
					db,
					by,
					'period.closed',
					String(year),
					{ reached: figures.headline.reached, lastRowid: before.last },
					closedAt
				)
			]);
		} catch (error) {
			if (String((error as { code?: string }).code ?? '').startsWith('SQLITE_CONSTRAINT'))
				return { refused: 'closed' };
			throw error;
		}
		return { closed: true };
	}
	return { refused: 'busy' };
}
