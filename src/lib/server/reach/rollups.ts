import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Catalogue } from '$lib/content/types';
import { provinceDay } from '../campaigns/dates';
import type { Db } from '../db/client';
import { lessonTags } from '../db/schema';

/**
 * Reach rollups, maintained on every write in the same atomic batch as the event, and recomputable from
 * raw events at any time (`npm run reach:verify`). The definitions, in one place:
 *
 * - reached: a learner completed a lesson (read it to the end, or submitted its quiz) in a region;
 * - skilled: a learner passed a quiz in a region;
 * - each counts once per learner, region and breakdown, on the province day (UTC+7) of the first such
 *   event by when it happened (an event synced late from an offline phone lands on its own day);
 * - breakdowns: course, audience tag of the lesson, the learner's current age band, campaign (the event's
 *   attribution) and the organization type of that campaign.
 */

export const dayOf = (column: SQL) => sql`date(${column} / 1000, 'unixepoch', '+7 hours')`;

export interface RollupEvent {
	eventId: string;
	learnerId: string;
	regionId: string;
	course: string;
	audiences: string[];
	ageBand: string | null;
	occurredAt: Date;
	passed: boolean;
}

/** The (dim, value) pairs one event counts under, as a CTE; campaign pairs come from its attribution. */
function keysCte(e: RollupEvent): SQL {
	const audience = e.audiences.map((a) => sql`UNION SELECT 'audience', ${a}`);
	return sql`k(dim, value) AS (
		SELECT 'all', '' UNION SELECT 'course', ${e.course} UNION SELECT 'age', ${e.ageBand ?? 'unknown'}
		${sql.join(audience, sql` `)}
		UNION SELECT 'campaign', campaign_id FROM event_campaigns WHERE event_id = ${e.eventId}
		UNION SELECT 'orgtype', o.type FROM event_campaigns ec
			JOIN campaigns c ON c.id = ec.campaign_id JOIN organizations o ON o.id = c.organization_id
			WHERE ec.event_id = ${e.eventId}
	), kinds(kind) AS (SELECT 'reached' ${e.passed ? sql`UNION SELECT 'skilled'` : sql``})`;
}

/**
 * Three statements to run after the event and its attribution are inserted, in the same batch:
 * count the learner on this day where they had not counted earlier, uncount them from a later day they
 * had counted on, then remember the earliest day. Replays never get here (the event insert fails first).
 */
export function rollupStatements(db: Db, e: RollupEvent): Statements {
	const day = sql`${provinceDay(e.occurredAt)}`;
	const who = sql`f.learner_id = ${e.learnerId} AND f.region_id = ${e.regionId}`;
	return [
		db.run(sql`WITH ${keysCte(e)}
			INSERT INTO reach_daily (region_id, kind, dim, value, day, learners)
			SELECT ${e.regionId}, kinds.kind, k.dim, k.value, ${day}, 1 FROM k, kinds
			WHERE NOT EXISTS (SELECT 1 FROM reach_firsts f WHERE ${who}
				AND f.kind = kinds.kind AND f.dim = k.dim AND f.value = k.value AND f.first_day <= ${day})
			ON CONFLICT (region_id, kind, dim, value, day) DO UPDATE SET learners = learners + 1`),
		db.run(sql`WITH ${keysCte(e)}
			UPDATE reach_daily SET learners = learners - 1
			WHERE (region_id, kind, dim, value, day) IN (
				SELECT f.region_id, f.kind, f.dim, f.value, f.first_day FROM reach_firsts f
				JOIN k ON f.dim = k.dim AND f.value = k.value JOIN kinds ON f.kind = kinds.kind
				WHERE ${who} AND f.first_day > ${day})`),
		db.run(sql`WITH ${keysCte(e)}
			INSERT INTO reach_firsts (learner_id, region_id, kind, dim, value, first_day)
			SELECT ${e.learnerId}, ${e.regionId}, kinds.kind, k.dim, k.value, ${day} FROM k, kinds WHERE true
			ON CONFLICT (learner_id, region_id, kind, dim, value) DO UPDATE SET first_day = min(first_day, excluded.first_day)`)
	];
}

/** The first days every learner should have, recomputed from raw events: the definition, in SQL. */
function expectedFirsts(learners?: SQL): SQL {
	const only = learners ? sql`WHERE e.learner_id IN ${learners}` : sql``;
	return sql`
		WITH ev AS (
			SELECT e.id, e.learner_id, e.region_id, e.course_slug, e.lesson_slug, ${dayOf(sql`e.occurred_at`)} AS day,
				coalesce((SELECT a.passed FROM quiz_attempts a WHERE a.id = e.id), 0) AS passed
			FROM learning_events e ${only}
		), keys AS (
			SELECT learner_id, region_id, 'all' AS dim, '' AS value, day, passed FROM ev
			UNION ALL SELECT learner_id, region_id, 'course', course_slug, day, passed FROM ev
			UNION ALL SELECT ev.learner_id, ev.region_id, 'audience', t.audience, day, passed FROM ev
				JOIN lesson_tags t ON t.course_slug = ev.course_slug AND t.lesson_slug = ev.lesson_slug
			UNION ALL SELECT ev.learner_id, ev.region_id, 'age', coalesce(l.age_band, 'unknown'), day, passed FROM ev
				JOIN learners l ON l.id = ev.learner_id
			UNION ALL SELECT ev.learner_id, ev.region_id, 'campaign', ec.campaign_id, day, passed FROM ev
				JOIN event_campaigns ec ON ec.event_id = ev.id
			UNION ALL SELECT ev.learner_id, ev.region_id, 'orgtype', o.type, day, passed FROM ev
				JOIN event_campaigns ec ON ec.event_id = ev.id JOIN campaigns c ON c.id = ec.campaign_id
				JOIN organizations o ON o.id = c.organization_id
		)
		SELECT learner_id, region_id, 'reached' AS kind, dim, value, min(day) AS first_day FROM keys GROUP BY 1, 2, 4, 5
		UNION ALL
		SELECT learner_id, region_id, 'skilled', dim, value, min(day) FROM keys WHERE passed GROUP BY 1, 2, 4, 5`;
}

/**
 * Rebuilds the rollups of some learners from their raw events (after a merge, an erasure or a change of
 * age band), keeping the daily counts exact. Pass no ids to rebuild everything.
 */
type Statements = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];

export function rebuildStatements(db: Db, learnerIds?: string[]): Statements {
	const ids = learnerIds
		? sql`(${sql.join(
				learnerIds.map((id) => sql`${id}`),
				sql`, `
			)})`
		: undefined;
	const mine = ids ? sql`WHERE learner_id IN ${ids}` : sql``;
	return [
		ids
			? db.run(sql`UPDATE reach_daily SET learners = learners - (
					SELECT count(*) FROM reach_firsts f WHERE f.learner_id IN ${ids} AND f.region_id = reach_daily.region_id
						AND f.kind = reach_daily.kind AND f.dim = reach_daily.dim AND f.value = reach_daily.value AND f.first_day = reach_daily.day)`)
			: db.run(sql`DELETE FROM reach_daily`),
		db.run(sql`DELETE FROM reach_firsts ${mine}`),
		db.run(
			sql`INSERT INTO reach_firsts (learner_id, region_id, kind, dim, value, first_day) ${expectedFirsts(ids)}`
		),
		db.run(sql`INSERT INTO reach_daily (region_id, kind, dim, value, day, learners)
			SELECT region_id, kind, dim, value, first_day, count(*) FROM reach_firsts ${ids ? sql`WHERE learner_id IN ${ids}` : sql`WHERE true`}
			GROUP BY 1, 2, 3, 4, 5
			ON CONFLICT (region_id, kind, dim, value, day) DO UPDATE SET learners = learners + excluded.learners`),
		db.run(sql`DELETE FROM reach_daily WHERE learners = 0`)
	];
}

export async function rebuildLearners(db: Db, learnerIds: string[]): Promise<void> {
	if (!learnerIds.length) return;
	await db.batch(rebuildStatements(db, learnerIds));
}

export interface Verification {
	firstsChecked: number;
	firstsWrong: number;
	dailyChecked: number;
	dailyWrong: number;
}

/** Recomputes every rollup from raw events and counts the rows that differ from the live ones. */
export async function verifyRollups(db: Db): Promise<Verification> {
	const [firsts] = (await db.all(sql`
		WITH expected AS (${expectedFirsts()})
		SELECT (SELECT count(*) FROM expected) AS checked,
			(SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT learner_id, region_id, kind, dim, value, first_day FROM reach_firsts))
			+ (SELECT count(*) FROM (SELECT learner_id, region_id, kind, dim, value, first_day FROM reach_firsts EXCEPT SELECT * FROM expected)) AS wrong`)) as {
		checked: number;
		wrong: number;
	}[];
	const [daily] = (await db.all(sql`
		WITH expected AS (SELECT region_id, kind, dim, value, first_day AS day, count(*) AS learners FROM (${expectedFirsts()}) GROUP BY 1, 2, 3, 4, 5),
		live AS (SELECT region_id, kind, dim, value, day, learners FROM reach_daily WHERE learners <> 0)
		SELECT (SELECT count(*) FROM expected) AS checked,
			(SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM live))
			+ (SELECT count(*) FROM (SELECT * FROM live EXCEPT SELECT * FROM expected)) AS wrong`)) as {
		checked: number;
		wrong: number;
	}[];
	return {
		firstsChecked: Number(firsts?.checked ?? 0),
		firstsWrong: Number(firsts?.wrong ?? 0),
		dailyChecked: Number(daily?.checked ?? 0),
		dailyWrong: Number(daily?.wrong ?? 0)
	};
}

/** Copies each lesson's audience tags from content/ into the database (idempotent; run at start-up). */
export async function syncLessonTags(db: Db, catalogue: Catalogue): Promise<void> {
	const rows = catalogue.courses.flatMap((c) =>
		c.lessons.flatMap((l) =>
			l.audience.map((audience) => ({ courseSlug: c.slug, lessonSlug: l.slug, audience }))
		)
	);
	await db.batch([
		db.delete(lessonTags),
		...(rows.length ? [db.insert(lessonTags).values(rows)] : [])
	]);
}
