import { provinceArea } from '../areas';
import type { Db } from '../db/client';
import { provinceDay } from '../dates';
import { shown } from '../privacy';
import { closedYears, latePeople } from '../reach/evidence';
import { trend } from './metrics';

/** A year's cumulative figures, or as issued when its report was (with the people who came late). */
export interface YearFigures {
	year: string;
	reached: number | null;
	skilled: number | null;
	/** The day the year was closed, or null while it is open. */
	issued: string | null;
	late: number | null;
}

/** What `periods.issued` holds of the figures (the JSON `reach:figures` prints, of the province). */
interface Issued {
	official: { reached: number | null; skilled: number | null };
	districts: { id: string; reached: number | null; skilled: number | null }[];
	units?: { id: string; reached: number | null; skilled: number | null }[];
}

/**
 * The figures of a scope (the province, a former district or a unit) as issued for a closed year
 * (`figuresJson` of the province, stored).
 */
function issuedOf(issued: string, scope: string) {
	const json = JSON.parse(issued) as Issued;
	if (scope === provinceArea) return json.official;
	const area =
		json.districts.find((d) => d.id === scope) ?? json.units?.find((u) => u.id === scope);
	return { reached: area?.reached ?? null, skilled: area?.skilled ?? null };
}

/**
 * Every year from the first with learning to `asOf`'s, a year without newcomers carrying the last
 * total; a closed year as it was issued, with the people who came to it late.
 */
export async function everyYear(db: Db, scope: string, asOf: string): Promise<YearFigures[]> {
	const years = await trend(db, scope, 'year', asOf);
	const closed = (await closedYears(db)).filter((p) => String(p.year) <= asOf.slice(0, 4));
	if (!years.length && !closed.length) return [];
	const first = Math.min(...years.map((y) => Number(y.period)), ...closed.map((p) => p.year));
	const out: YearFigures[] = [];
	let last = { reached: 0 as number | null, skilled: 0 as number | null };
	for (let y = first; y <= Number(asOf.slice(0, 4)); y++) {
		const found = years.find((p) => p.period === String(y));
		if (found) last = { reached: found.reached, skilled: found.skilled };
		const period = closed.find((p) => p.year === y);
		if (!period) {
			out.push({ year: String(y), ...last, issued: null, late: null });
			continue;
		}
		const late = await latePeople(db, period);
		out.push({
			year: String(y),
			...issuedOf(period.issued, scope),
			issued: provinceDay(period.closedAt),
			late: shown(late.get(scope) ?? 0)
		});
	}
	return out;
}
