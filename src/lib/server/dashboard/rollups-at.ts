import { sql, type SQL } from 'drizzle-orm';

/**
 * The monthly rollups of one breakdown (`dim`) for some areas as they stood at the end of the day
 * `asOf`: every month up to its month, less the learners first counted after it within that month
 * (one row of -1 each, found by `reach_firsts_day`). Rows: area, kind, value, month, learners.
 */
export function rollupsAt(dim: string, areas: SQL, asOf: string): SQL {
	const month = asOf.slice(0, 7);
	return sql`SELECT area, kind, value, month, learners FROM reach_monthly
		WHERE dim = ${dim} AND area IN ${areas} AND month <= ${month}
		UNION ALL
		SELECT area, kind, value, substr(first_day, 1, 7), -1 FROM reach_firsts
		WHERE first_day > ${asOf} AND first_day <= ${`${month}-31`} AND dim = ${dim} AND area IN ${areas}`;
}

/** An SQL list of values, for `IN`. */
export const sqlList = (ids: string[]) =>
	sql`(${sql.join(
		ids.map((id) => sql`${id}`),
		sql`, `
	)})`;
