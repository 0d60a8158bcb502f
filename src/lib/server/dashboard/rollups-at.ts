import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { ReachKind } from '../db/schema';
import type { ByArea } from '../reach/evidence';

/** The kinds that make the figures; the others are shown beside them (`asideAt`). */
const figureKinds: readonly ReachKind[] = ['reached', 'skilled'];

/**
 * The monthly rollups of one breakdown (`dim`) for some areas (all, when null) as they stood at the end
 * of the day `asOf`: every month up to its month, less the learners first counted after it within that
 * month (one row of -1 each, found by `reach_firsts_day`). Rows: area, kind, value, month, learners.
 */
export function rollupsAt(
	dim: string,
	areas: SQL | null,
	asOf: string,
	kinds: readonly ReachKind[] = figureKinds
): SQL {
	const month = asOf.slice(0, 7);
	const which = sql`dim = ${dim} AND kind IN ${sqlList(kinds)}${areas ? sql` AND area IN ${areas}` : sql``}`;
	return sql`SELECT area, kind, value, month, learners FROM reach_monthly
		WHERE ${which} AND month <= ${month}
		UNION ALL
		SELECT area, kind, value, substr(first_day, 1, 7), -1 FROM reach_firsts
		WHERE first_day > ${asOf} AND first_day <= ${`${month}-31`} AND ${which}`;
}

/**
 * The people shown beside the figures at the end of `asOf`, in every area, from the rollups: held for
 * review (not counted, with learning a group under review holds) and rejected (only rejected learning).
 * A person counts once in each area they have such learning in, once in the province.
 * `reach/evidence.ts` recounts both from the raw records (reach:verify compares them).
 */
export async function asideAt(db: Db, asOf: string): Promise<{ held: ByArea; rejected: ByArea }> {
	const rows = (await db.all(sql`
		SELECT area, kind, sum(learners) AS n
		FROM (${rollupsAt('all', null, asOf, ['held', 'held_ended', 'rejected', 'rejected_ended'])})
		GROUP BY 1, 2`)) as { area: string; kind: ReachKind; n: number }[];
	const net = (kind: 'held' | 'rejected') => {
		const out: ByArea = new Map();
		for (const r of rows) {
			const sign = r.kind === kind ? 1 : r.kind === `${kind}_ended` ? -1 : 0;
			if (sign) out.set(r.area, (out.get(r.area) ?? 0) + sign * Number(r.n));
		}
		for (const [area, n] of out) if (n === 0) out.delete(area);
		return out;
	};
	return { held: net('held'), rejected: net('rejected') };
}

/** An SQL list of values, for `IN`. */
export const sqlList = (ids: readonly string[]) =>
	sql`(${sql.join(
		ids.map((id) => sql`${id}`),
		sql`, `
	)})`;
