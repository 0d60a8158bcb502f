import { inArray } from 'drizzle-orm';
import { formatCount } from '$lib/format';
import type { Locale } from '../../content/vocabulary';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { lastClosableYear, provinceMoment } from '../dates';
import { closedYears, latePeople } from '../reach/evidence';

/** The first year the plan's figures cover (Plan 355/KH-UBND, 2022). */
export const firstYear = 2022;

/** The years whose report was issued, newest first: when, by whom, the issued figure, what came late. */
export async function periodList(db: Db, locale: Locale) {
	const years = await closedYears(db);
	const ids = [...new Set(years.flatMap((y) => (y.closedBy ? [y.closedBy] : [])))];
	const people = ids.length
		? await db
				.select({ id: users.id, name: users.username })
				.from(users)
				.where(inArray(users.id, ids))
		: [];
	const nameOf = new Map(people.map((p) => [p.id, p.name]));
	const out = [];
	for (const y of years.reverse()) {
		const issued = JSON.parse(y.issued) as { official?: { reached: number | null } };
		const late = (await latePeople(db, y)).get('province') ?? 0;
		out.push({
			year: y.year,
			closedAt: provinceMoment(y.closedAt, locale),
			closedBy: (y.closedBy && nameOf.get(y.closedBy)) ?? '—',
			reached:
				issued.official?.reached == null ? '—' : formatCount(issued.official.reached, locale),
			late: formatCount(late, locale)
		});
	}
	return out;
}

/** The years that can be closed (over for an hour at least) and are not yet, newest first. */
export function closableYears(closed: number[], at = Date.now()): number[] {
	const out: number[] = [];
	for (let y = lastClosableYear(at); y >= firstYear; y--) if (!closed.includes(y)) out.push(y);
	return out;
}
