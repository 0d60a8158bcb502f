import { sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { publishedRates } from './db/schema';

/**
 * The rules that keep every figure from describing a few people, in one place: the dashboard, the
 * annual report, the campaign report and their CSV files all go through them.
 */
export const minGroupSize = 10;
/** Published rates are rounded to this many percentage points. */
export const rateStep = 5;

/** 1 to 9 people: too few to show. Zero describes nobody. */
export const isSmall = (people: number) => people > 0 && people < minGroupSize;

/** Hides counts of 1 to 9 people; zero stays zero. */
export function shown(value: number): number | null {
	return isSmall(value) ? null : value;
}

/**
 * Hides small cells, then whatever would give one back (complementary suppression). A group is a set
 * of cells whose total is known, or is itself among them (a district and its communes): while a group
 * has exactly one hidden cell, its smallest shown non-zero cell is hidden too, preferring cells not in
 * `totals`. Smaller groups go first (a district before the province: fewer cells hidden), repeated
 * until no group changes, since hiding a cell can leave another group with one hidden.
 */
export function suppressCells(
	values: number[],
	groups: number[][],
	totals: ReadonlySet<number> = new Set()
): (number | null)[] {
	const hidden = values.map(isSmall);
	const ordered = [...groups].sort((a, b) => a.length - b.length);
	for (let changed = true; changed;) {
		changed = false;
		for (const group of ordered) {
			if (group.filter((i) => hidden[i]).length !== 1) continue;
			const open = group.filter((i) => !hidden[i] && values[i]! > 0);
			const parts = open.filter((i) => !totals.has(i));
			const pick = (parts.length ? parts : open).reduce<number | undefined>(
				(best, i) => (best === undefined || values[i]! < values[best]! ? i : best),
				undefined
			);
			if (pick === undefined) continue;
			hidden[pick] = true;
			changed = true;
		}
	}
	return values.map((v, i) => (hidden[i] ? null : v));
}

/** One column under a shown total: small cells hidden, and a second one when only one would be. */
export function suppressColumn(values: number[]): (number | null)[] {
	return suppressCells(values, [values.map((_, i) => i)]);
}

/** A rate, exact, with the people behind it, behind its numerator (e.g. who failed) and the rest. */
export interface RateCount {
	exact: number;
	people: number;
	numerator: number;
	complement: number;
}

/** Whether a rate may be shown: 10 or more people, and neither its numerator nor the rest 1 to 9. */
export const publishable = (r: RateCount) =>
	r.people >= minGroupSize && !isSmall(r.numerator) && !isSmall(r.complement);

/** To the nearest 5 points, never 0% or 100% unless it is exactly that. */
export function roundRate(exact: number): number {
	if (exact <= 0 || exact >= 100) return Math.min(100, Math.max(0, exact));
	const rounded = Math.round(exact / rateStep) * rateStep;
	return Math.min(100 - rateStep, Math.max(rateStep, rounded));
}

export interface Publication {
	/** The rounded percent shown; null when the rate was withheld. */
	value: number | null;
	people: number;
}

/**
 * What to publish for a rate, or null to keep showing the stored publication. A rate is evaluated
 * when 10 people first stand behind it, then again only once 10 more do, so that one more person
 * never changes what is shown. Evaluated and withheld is stored too (value null), or the next person
 * who made it publishable would be the one to change it.
 */
export function nextPublication(stored: Publication | null, r: RateCount): Publication | null {
	const due = stored ? stored.people + minGroupSize : minGroupSize;
	if (r.people < due) return null;
	return { value: publishable(r) ? roundRate(r.exact) : null, people: r.people };
}

/**
 * The published value of each rate, stored under `prefix` + its key (a campaign's keys), publishing
 * new ones where `nextPublication` says. Race-free: a stored row is replaced only by one standing on 10 more people,
 * and what is returned is what is stored, so two readers at the same moment see the same figure.
 */
export async function publishRates(
	db: Db,
	prefix: string,
	rates: Map<string, RateCount>,
	now = new Date()
): Promise<Map<string, number | null>> {
	const read = async () =>
		new Map(
			(
				await db
					.select()
					.from(publishedRates)
					.where(sql`substr(${publishedRates.key}, 1, ${prefix.length}) = ${prefix}`)
			).map((row) => [row.key, row] as const)
		);
	let stored = await read();
	const due = [...rates].flatMap(([key, rate]) => {
		const next = nextPublication(stored.get(prefix + key) ?? null, rate);
		return next ? [{ key: prefix + key, ...next, at: now }] : [];
	});
	const upserts = due.map((row) =>
		db
			.insert(publishedRates)
			.values(row)
			.onConflictDoUpdate({
				target: publishedRates.key,
				set: { value: row.value, people: row.people, at: row.at },
				setWhere: sql`${publishedRates.people} + ${minGroupSize} <= ${row.people}`
			})
	);
	if (upserts.length) {
		await db.batch(upserts as [(typeof upserts)[number], ...typeof upserts]);
		stored = await read();
	}
	return new Map([...rates.keys()].map((key) => [key, stored.get(prefix + key)?.value ?? null]));
}
