import { sql, type SQL } from 'drizzle-orm';
import type { EventKind } from '$lib/events/kinds';
import { provinceDaySql } from '../dates';

/**
 * What the platform counts, defined once: the rollups, the campaign reports and `/how-we-count` all
 * read it from here. Bump `definitionVersion` whenever a rule below changes meaning: the server then
 * rebuilds the stored rollups in the background after start-up (`rebuild.ts`).
 */
export const definitionVersion = 2;

/**
 * Reached: a person finished a lesson (read it to the end, or submitted its quiz). Kinds not listed
 * here (a lesson opened, a tool used) are recorded but never add to the headline.
 */
export const reachingKinds = [
	'lesson_completed',
	'quiz_submitted'
] as const satisfies readonly EventKind[];

/** Whether an event of this kind finishes a lesson (progress, campaigns, reach); an opening does not. */
export const completes = (kind: EventKind) =>
	(reachingKinds as readonly EventKind[]).includes(kind);

/** Whether the learning event `e` (an alias of learning_events) reaches its learner. */
export const reaches = (e: SQL) =>
	sql`${e}.type IN (${sql.join(
		reachingKinds.map((k) => sql`${k}`),
		sql`, `
	)})`;

/** Skilled: a person passed a quiz (graded on the server). 1 when event `e` is a passed attempt. */
export const passes = (e: SQL) =>
	sql`coalesce((SELECT a.passed FROM quiz_attempts a WHERE a.id = ${e}.id), 0)`;

/** Each person counts on the province day (UTC+7) the learning happened, not when it was received. */
export const countedDay = (e: SQL) => provinceDaySql(sql`${e}.occurred_at`);

/**
 * Where: once in each area that holds the unit an event was recorded in (`areas.ts`): the unit itself
 * (headline figures only), its former district and the province (headline and every breakdown). A
 * person who learned in two units counts in each, but once in a district and once in the province.
 * `r` is the unit's row of `regions`. (Version 1 counted per unit only, and summed units.)
 */
export const unitArea = (e: SQL) => sql`${e}.region_id`;
export const districtAreaOf = (r: SQL) => sql`'district:' || ${r}.district_code`;
export const provinceAreaKey = sql`'province'`;

/** The terms `/how-we-count` explains, in order (locale keys `count.<term>.term` and `.text`). */
export const definitionTerms = [
	'reached',
	'skilled',
	'once',
	'when',
	'inPerson',
	'selfReported',
	'baseline',
	'targets',
	'privacy',
	'hiddenTogether',
	'rates',
	'rateChanges',
	'province'
] as const;
