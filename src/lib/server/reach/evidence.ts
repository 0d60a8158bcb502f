import { asc, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { periods, receivedInLaterYear } from '../db/schema';
import { countedBy, countedDay, reaches, rejected, rejectedEvent } from './definition';

/**
 * The figures beside the official one, never in it: people held for review (their learning waits for
 * an analyst), people whose learning was rejected, and people who came late to a year already issued.
 * Each is read from the raw records and the holds, so anyone can recount it; each query starts from the
 * holds or the late events (few), never from every event. The dashboard reads the held and rejected
 * from the rollups (`dashboard/rollups-at.ts`, `asideAt`); reach:verify compares them with these.
 */

/** Counts of people by area key (a unit's id, `district:<code>`, `province`). */
export type ByArea = Map<string, number>;

/** Whether learner `p` is in the official reached figure by the end of `asOf`. */
const officiallyReached = (p: SQL, asOf: string) => sql`EXISTS (
	SELECT 1 FROM reach_firsts f WHERE f.learner_id = ${p} AND f.area = 'province' AND f.dim = 'all'
		AND f.kind = 'reached' AND f.first_day <= ${asOf})`;

/**
 * Reaching events that a group still under review holds (the event itself, or its learner made in a
 * burst and not seen at a session), that no rejected group holds: they would count if released.
 */
function pendingReaching(asOf: string): SQL {
	return sql`
		SELECT e.learner_id, e.region_id FROM holds g
			JOIN event_holds eh ON eh.hold_id = g.id
			JOIN learning_events e ON e.id = eh.event_id
			JOIN learners l ON l.id = e.learner_id
		WHERE g.status = 'held' AND ${reaches(sql`e`)} AND ${countedBy(sql`e`, asOf)}
			AND NOT ${rejected(sql`e`, sql`l`)}
		UNION
		-- The learner's own group is this one, under review: only the event's own groups can reject it.
		SELECT e.learner_id, e.region_id FROM holds g
			JOIN learners l ON l.hold_id = g.id
			JOIN learning_events e ON e.learner_id = l.id
		WHERE g.status = 'held' AND l.vouched_at IS NULL AND ${reaches(sql`e`)}
			AND ${countedBy(sql`e`, asOf)} AND NOT ${rejectedEvent(sql`e`)}`;
}

/** Reaching events some rejected group holds, by learner and unit. */
function rejectedReaching(asOf: string): SQL {
	return sql`
		SELECT e.learner_id, e.region_id FROM holds g
			JOIN event_holds eh ON eh.hold_id = g.id
			JOIN learning_events e ON e.id = eh.event_id
		WHERE g.status = 'rejected' AND ${reaches(sql`e`)} AND ${countedDay(sql`e`)} <= ${asOf}
		UNION
		SELECT e.learner_id, e.region_id FROM holds g
			JOIN learners l ON l.hold_id = g.id
			JOIN learning_events e ON e.learner_id = l.id
		WHERE g.status = 'rejected' AND l.vouched_at IS NULL AND ${reaches(sql`e`)}
			AND ${countedDay(sql`e`)} <= ${asOf}`;
}

/** People of `rows` (learner, unit) not in the official figure, counted at the three levels of areas. */
async function byArea(
	db: Db,
	rows: SQL,
	asOf: string,
	exclude: SQL | null = null
): Promise<ByArea> {
	const result = (await db.all(sql`
		WITH p AS MATERIALIZED (
			SELECT DISTINCT h.learner_id, h.region_id, r.district_code FROM (${rows}) h
				JOIN regions r ON r.id = h.region_id
			WHERE NOT ${officiallyReached(sql`h.learner_id`, asOf)}
				${exclude ? sql`AND h.learner_id NOT IN (${exclude})` : sql``})
		SELECT region_id AS area, count(DISTINCT learner_id) AS n FROM p GROUP BY 1
		UNION ALL SELECT 'district:' || district_code, count(DISTINCT learner_id) FROM p GROUP BY 1
		UNION ALL SELECT 'province', count(DISTINCT learner_id) FROM p`)) as {
		area: string;
		n: number;
	}[];
	return new Map(result.filter((r) => Number(r.n) > 0).map((r) => [r.area, Number(r.n)]));
}

/**
 * People held for review by the end of `asOf`: not in the official figure, with learning a group under
 * review holds. A person counts once in each area they have held learning in, once in the province.
 */
export const heldPeople = (db: Db, asOf: string) => byArea(db, pendingReaching(asOf), asOf);

/** People whose only learning was rejected (not counted, and nothing of theirs still under review). */
export const rejectedPeople = (db: Db, asOf: string) =>
	byArea(db, rejectedReaching(asOf), asOf, sql`SELECT learner_id FROM (${pendingReaching(asOf)})`);

/** A year whose report was issued: when, and the last event its figures held. */
export interface ClosedYear {
	year: number;
	closedAt: Date;
	lastRowid: number;
}

/**
 * Whether reaching event `e` of learner `l` already counted when year `p` was closed: folded in by then
 * (`last_rowid`), and neither it nor its learner waiting for a decision taken after the closing.
 */
const countedAtClosing = (e: SQL, l: SQL, p: ClosedYear) => {
	const closedAt = p.closedAt.getTime();
	return sql`${e}.rowid <= ${p.lastRowid}
		AND NOT EXISTS (SELECT 1 FROM event_holds x JOIN holds g ON g.id = x.hold_id
			WHERE x.event_id = ${e}.id AND (g.status <> 'released' OR g.decided_at > ${closedAt}))
		AND (${l}.hold_id IS NULL OR ${l}.vouched_at <= ${closedAt} OR EXISTS (
			SELECT 1 FROM holds WHERE id = ${l}.hold_id AND status = 'released'
				AND decided_at <= ${closedAt}))`;
};

/**
 * Who may have come late to closed year `p`: the learners of its events after the closing, of groups
 * decided after it, and those vouched for after it. An event stored after the closing of a year it
 * happened in was received in a later year (a year closes an hour after it ends at the earliest,
 * `close.ts`), so those events are read from the small partial index of such events, never from every
 * event since the closing (a whole year of them by the next December); the groups decided after it
 * come first (CROSS JOIN: there are few groups, and many held events and learners). INDEXED BY: SQLite's planner
 * would take the rowid range; and if the expression ever stopped matching the index, this fails
 * loudly instead of scanning.
 */
export function lateCandidates(p: ClosedYear): SQL {
	const end = `${p.year}-12-31`;
	const closedAt = p.closedAt.getTime();
	return sql`
			SELECT learner_id FROM learning_events e INDEXED BY learning_events_later_year
			WHERE ${receivedInLaterYear(sql`e.received_at`, sql`e.occurred_at`)} AND e.rowid > ${p.lastRowid}
				AND ${reaches(sql`e`)} AND ${countedBy(sql`e`, end)}
			UNION SELECT e.learner_id FROM holds g CROSS JOIN event_holds x ON x.hold_id = g.id
				JOIN learning_events e ON e.id = x.event_id WHERE g.decided_at > ${closedAt}
			UNION SELECT l.id FROM holds g CROSS JOIN learners l ON l.hold_id = g.id
				WHERE g.decided_at > ${closedAt}
			UNION SELECT id FROM learners WHERE vouched_at > ${closedAt}`;
}

/**
 * People in the figures by the end of a closed year who were not when it was issued: their learning of
 * that year arrived after the closing, or was released (or its learner seen at a session) after it.
 * The issued figure stays as it was; these are shown beside it as late (`lateCandidates`).
 */
export async function latePeople(db: Db, p: ClosedYear): Promise<ByArea> {
	const end = `${p.year}-12-31`;
	const rows = (await db.all(sql`
		WITH candidates AS MATERIALIZED (${lateCandidates(p)})
		SELECT f.area, count(*) AS n FROM candidates c
			-- CROSS JOIN keeps this order: from the few candidates to their firsts, never every first
			-- of the year to the candidates (SQLite's choice, 10× the dashboard's time at 200k events).
			CROSS JOIN reach_firsts f ON f.learner_id = c.learner_id AND f.dim = 'all' AND f.kind = 'reached'
				AND f.first_day <= ${end}
		WHERE NOT EXISTS (
			SELECT 1 FROM learning_events e JOIN learners l ON l.id = e.learner_id
			WHERE e.learner_id = c.learner_id AND ${reaches(sql`e`)} AND ${countedDay(sql`e`)} <= ${end}
				AND ${countedAtClosing(sql`e`, sql`l`, p)})
		GROUP BY f.area`)) as { area: string; n: number }[];
	return new Map(rows.map((r) => [r.area, Number(r.n)]));
}

/** People with any reaching learning by the end of `asOf`, counted or not (reach:verify's raw total). */
export async function everyoneWhoLearned(db: Db, asOf: string): Promise<number> {
	const [row] = (await db.all(sql`
		SELECT count(DISTINCT e.learner_id) AS n FROM learning_events e
		WHERE ${reaches(sql`e`)} AND ${countedDay(sql`e`)} <= ${asOf}`)) as { n: number }[];
	return Number(row?.n ?? 0);
}

/** The years whose report was issued, oldest first, with the figures as issued. */
export async function closedYears(
	db: Db
): Promise<(ClosedYear & { issued: string; closedBy: string | null })[]> {
	const rows = await db.select().from(periods).orderBy(asc(periods.year));
	return rows.map((r) => ({
		year: r.year,
		closedAt: r.closedAt,
		lastRowid: r.lastRowid,
		closedBy: r.closedBy,
		issued: r.issued
	}));
}
