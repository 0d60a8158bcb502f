import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { shown } from '../privacy';
import { rawAreas, targets, type AreaFigures } from './metrics';
import { presentProvince } from './present';

/** How many complete months the recent pace is taken over. */
export const paceMonths = 3;

export interface Outlook {
	/** People first reached in the last complete months (`from`..`to`, YYYY-MM), and a month's worth. */
	pace: { from: string; to: string; reached: number | null; perMonth: number | null };
	/**
	 * Against the last target: met already; the month (YYYY-MM) it is met in at the recent pace; not
	 * by its deadline at that pace; no pace to go by (none, or too few people to show); no gap to close
	 * (no baseline, or the figure is hidden).
	 */
	projection:
		| { kind: 'met' }
		| { kind: 'month'; month: string }
		| { kind: 'notByDeadline' | 'noPace' | 'noGap' };
	/**
	 * Targets whose deadline has passed, with the figure at their deadline: as issued when its year was
	 * closed (`issued`: the day), with the people who came to it late beside it.
	 */
	closed: {
		share: number;
		deadline: string;
		reached: number | null;
		reachPct: number | null;
		baselineYear: number | null;
		met: boolean | null;
		issued: string | null;
		late: number | null;
	}[];
}

export function addMonths(month: string, k: number): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const i = y * 12 + (m - 1) + k;
	return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The last month wholly before the end of `asOf`: its own month when `asOf` is its last day. */
export function lastCompleteMonth(asOf: string): string {
	const next = new Date(`${asOf}T00:00:00Z`);
	next.setUTCDate(next.getUTCDate() + 1);
	return next.getUTCDate() === 1 ? asOf.slice(0, 7) : addMonths(asOf.slice(0, 7), -1);
}

/** The month the gap closes in at `perMonth`, counting from the month after the pace's last. */
export function projectFrom(
	gap: number | null,
	perMonth: number | null,
	last: string
): Outlook['projection'] {
	if (gap === null) return { kind: 'noGap' };
	if (gap === 0) return { kind: 'met' };
	if (!perMonth) return { kind: 'noPace' };
	const month = addMonths(last, Math.ceil(gap / perMonth));
	const deadline = targets.at(-1)!.deadline.slice(0, 7);
	return month > deadline ? { kind: 'notByDeadline' } : { kind: 'month', month };
}

/**
 * The headline's outlook: the recent pace (from the monthly rollups, months complete by `asOf`), when
 * the last target is met at that pace, and each passed target as it stood on its deadline.
 */
export async function outlook(
	db: Db,
	area: { id: string; name: string; parts: string[] },
	now: AreaFigures,
	asOf: string,
	years: { year: string; reached: number | null; issued: string | null; late: number | null }[] = []
): Promise<Outlook> {
	const to = lastCompleteMonth(asOf);
	const from = addMonths(to, 1 - paceMonths);
	const [row] = (await db.all(sql`
		SELECT coalesce(sum(learners), 0) AS n FROM reach_monthly WHERE dim = 'all' AND kind = 'reached'
		AND area = ${area.id} AND month >= ${from} AND month <= ${to}`)) as { n: number }[];
	const exact = Number(row?.n ?? 0);
	const reached = shown(exact);
	const perMonth = reached === null ? null : Math.round((10 * exact) / paceMonths) / 10;
	const closed = [];
	for (const target of targets.filter((t) => t.deadline < asOf)) {
		const [raw] = await rawAreas(db, [area], target.deadline);
		const issued = years.find((y) => y.issued && y.year === target.deadline.slice(0, 4));
		// A closed year keeps the figure it was issued with; those who came later stand beside it.
		if (issued) raw!.reached = issued.reached ?? 0;
		const then = presentProvince(raw!, [], [], target.deadline).headline;
		const gap = then.targets.find((t) => t.deadline === target.deadline)!.gap;
		closed.push({
			share: target.share,
			deadline: target.deadline,
			reached: issued && issued.reached === null ? null : then.reached,
			reachPct: issued && issued.reached === null ? null : then.reachPct,
			baselineYear: then.baseline?.year ?? null,
			met: gap === null ? null : gap === 0,
			issued: issued?.issued ?? null,
			late: issued?.late ?? null
		});
	}
	return {
		pace: { from, to, reached, perMonth },
		projection: projectFrom(now.targets.at(-1)!.gap, perMonth, to),
		closed
	};
}
