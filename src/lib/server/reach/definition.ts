import { sql, type SQL } from 'drizzle-orm';
import type { EventKind } from '$lib/events/kinds';
import { provinceDaySql } from '../dates';

/**
 * What the platform counts, defined once: the rollups, the campaign reports and `/how-we-count` all
 * read it from here. Bump `definitionVersion` whenever a rule below changes meaning: the server then
 * rebuilds the stored rollups in the background after start-up (`rebuild.ts`).
 */
export const definitionVersion = 4;

/**
 * The oldest version that counts the official figure as this one does: an issued year's figure is
 * checked against today's from this version on. (Version 4 keeps the held and rejected people in the
 * rollups too, so the dashboard reads them like the reached; what counts is as in version 3.)
 */
export const countsAsSince = 3;

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

/**
 * The plausible pace (the opening of a lesson is recorded through the outbox): finishing a lesson takes
 * at least a tenth of its reading time and never under 15 s; submitting its quiz at least 20 s after the
 * lesson or quiz was opened. Faster is held for review, not counted.
 */
export function minSecondsFromOpening(kind: EventKind, lessonMinutes: number): number {
	return readingPace * (kind === 'quiz_submitted' ? 20 : Math.max(15, lessonMinutes * 6));
}

/**
 * READING_PACE scales those times (1 by default; 0 asks only for an opening): a deployment may tune
 * them, and the e2e server, whose robot reads in a second, sets its own, as it sets its own limits.
 */
const readingPace = (() => {
	const value = Number(process.env.READING_PACE ?? 1);
	return Number.isFinite(value) && value >= 0 ? value : 1;
})();

/** Events may claim a time up to this long before their learner was made (clocks that run fast). */
export const clockSkewBeforeLearnerMs = 10 * 60_000;

/** Skilled: a person passed a quiz (graded on the server). 1 when event `e` is a passed attempt. */
export const passes = (e: SQL) =>
	sql`coalesce((SELECT a.passed FROM quiz_attempts a WHERE a.id = ${e}.id), 0)`;

/** Each person counts on the province day (UTC+7) the learning happened, not when it was received. */
export const countedDay = (e: SQL) => provinceDaySql(sql`${e}.occurred_at`);

/**
 * `countedDay(e) <= asOf`, as a comparison of the stored milliseconds with the first instant after
 * `asOf` ends in the province (UTC+7, no daylight saving): the same events, without a date function
 * per row, for queries that read many events.
 */
export const countedBy = (e: SQL, asOf: string) =>
	sql`${e}.occurred_at < ${Date.parse(`${asOf}T00:00:00Z`) + 86_400_000 - 7 * 3_600_000}`;

/**
 * Counted in the official figure: learning that is not held for review (`holds`). An event is out
 * while a group it is held in (too fast, no opening) is not released; a learner made in a burst is out
 * while their group is not released, unless they checked in at an in-person session (seen in a hall).
 * `e` is the event, `l` its learner. Held learning is shown beside the figure, never in it.
 */
export const counted = (e: SQL, l: SQL) => sql`NOT EXISTS (
		SELECT 1 FROM event_holds eh JOIN holds g ON g.id = eh.hold_id
		WHERE eh.event_id = ${e}.id AND g.status <> 'released')
	AND (${l}.hold_id IS NULL OR ${l}.vouched_at IS NOT NULL
		OR EXISTS (SELECT 1 FROM holds WHERE id = ${l}.hold_id AND status = 'released'))`;

/** Whether a rejected group holds event `e` itself (its learner's own group is checked apart). */
export const rejectedEvent = (e: SQL) => sql`EXISTS (
		SELECT 1 FROM event_holds rx JOIN holds rg ON rg.id = rx.hold_id
		WHERE rx.event_id = ${e}.id AND rg.status = 'rejected')`;

/**
 * Rejected: an analyst rejected a group that holds event `e`, or the burst its learner `l` was made in
 * (unless seen at a session). It never counts; held learning that is not rejected waits for a decision.
 */
export const rejected = (e: SQL, l: SQL) => sql`(${rejectedEvent(e)}
	OR (${l}.vouched_at IS NULL AND EXISTS (
		SELECT 1 FROM holds WHERE id = ${l}.hold_id AND status = 'rejected')))`;

/**
 * Where: one person, one place a year. Within a calendar year (province time) a person counts in the
 * unit of their first counted event of that year, and in a new unit from the next year if they moved.
 * Each counts once in each area that holds that unit (`areas.ts`): the unit itself (headline figures
 * only), its former district and the province (headline and every breakdown); the province counts
 * distinct people. `r` is the unit's row of `regions`. (Version 1 counted per unit and summed units;
 * version 2 counted a person in every unit they learned in, and held nothing back.)
 */
export const yearOf = (day: SQL) => sql`substr(${day}, 1, 4)`;
export const districtAreaOf = (r: SQL) => sql`'district:' || ${r}.district_code`;
export const provinceAreaKey = sql`'province'`;

/** The terms `/how-we-count` explains, in order (locale keys `count.<term>.term` and `.text`). */
export const definitionTerms = [
	'reached',
	'skilled',
	'once',
	'when',
	'held',
	'late',
	'inPerson',
	'selfReported',
	'baseline',
	'targets',
	'privacy',
	'rates',
	'rateChanges',
	'province'
] as const;

/** Terms about campaigns' pass and wrong-answer rates: not in the annual report, which shows none. */
const rateTerms: readonly string[] = ['rates', 'rateChanges'];
/** The terms the annual report prints beside its figures. */
export const reportTerms = definitionTerms.filter((term) => !rateTerms.includes(term));
