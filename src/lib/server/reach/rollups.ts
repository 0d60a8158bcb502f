import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Catalogue } from '$lib/content/types';
import type { Db } from '../db/client';
import { lessonTags } from '../db/schema';
import {
	counted,
	countedDay,
	definitionVersion,
	districtAreaOf,
	passes,
	provinceAreaKey,
	reaches,
	rejected,
	yearOf
} from './definition';

/**
 * Reach rollups: for each learner, area (`areas.ts`), kind (reached, skilled) and breakdown, the first
 * day they counted (`reach_firsts`), and how many first counted in each month (`reach_monthly`, which the
 * dashboards read). They are kept up to date by the background step (`step.ts`) and can be recomputed
 * from raw events at any time (`verify.ts`, `rebuild.ts`). Breakdowns: course, the lesson's audience
 * tags, the learner's current age band, campaign (the event's attribution) and its organization type.
 */

/** The first days every learner should have, recomputed from raw events: the definition, in SQL. */
export function expectedFirsts(where?: SQL): SQL {
	const only = where ? sql`AND ${where}` : sql``;
	// `raw` and `ev` are computed once, not once per area and breakdown below (each reads them): the
	// day, whether it counts, the quiz result, the year's unit and the areas of an event are worked out
	// one time. The unit of a year is a window over all of a learner's counted events of that year:
	// callers pass whole learners.
	return sql`
		WITH raw AS MATERIALIZED (
			SELECT e.id, e.learner_id, e.region_id, e.course_slug, e.lesson_slug, e.occurred_at,
				${countedDay(sql`e`)} AS day, ${counted(sql`e`, sql`l`)} AS ok, l.vouched_at, l.hold_id
			FROM learning_events e JOIN learners l ON l.id = e.learner_id
			WHERE ${reaches(sql`e`)} ${only}
		), ev AS MATERIALIZED (
			SELECT b.*, ${passes(sql`b`)} AS passed, first_value(b.region_id) OVER (
					PARTITION BY b.learner_id, ${yearOf(sql`b.day`)} ORDER BY b.occurred_at, b.id) AS unit
			FROM raw b WHERE b.ok
		), at AS (
			SELECT ev.id, ev.learner_id, ${districtAreaOf(sql`r`)} AS area, ev.course_slug, ev.lesson_slug, ev.day, ev.passed
			FROM ev JOIN regions r ON r.id = ev.unit
			UNION ALL SELECT id, learner_id, ${provinceAreaKey}, course_slug, lesson_slug, day, passed FROM ev
		), keys AS (
			SELECT learner_id, unit AS area, 'all' AS dim, '' AS value, day, passed FROM ev
			UNION ALL SELECT learner_id, area, 'all', '', day, passed FROM at
			UNION ALL SELECT learner_id, area, 'course', course_slug, day, passed FROM at
			UNION ALL SELECT at.learner_id, at.area, 'audience', t.audience, day, passed FROM at
				JOIN lesson_tags t ON t.course_slug = at.course_slug AND t.lesson_slug = at.lesson_slug
			UNION ALL SELECT at.learner_id, at.area, 'age', coalesce(l.age_band, 'unknown'), day, passed FROM at
				JOIN learners l ON l.id = at.learner_id
			UNION ALL SELECT at.learner_id, at.area, 'campaign', ec.campaign_id, day, passed FROM at
				JOIN event_campaigns ec ON ec.event_id = at.id
			UNION ALL SELECT at.learner_id, at.area, 'orgtype', o.type, day, passed FROM at
				JOIN event_campaigns ec ON ec.event_id = at.id JOIN campaigns c ON c.id = ec.campaign_id
				JOIN organizations o ON o.id = c.organization_id
		), ${asideFirsts}
		SELECT learner_id, area, 'reached' AS kind, dim, value, min(day) AS first_day FROM keys GROUP BY 1, 2, 4, 5
		UNION ALL
		SELECT learner_id, area, 'skilled', dim, value, min(day) FROM keys WHERE passed GROUP BY 1, 2, 4, 5
		UNION ALL
		${asideRows}`;
}

/**
 * The people beside the official figure, as first days too, so that the dashboard reads them as it
 * reads the reached: in each unit (where the learning was), its former district and the province, the
 * first day of learning held for review (`held`) or rejected (`rejected`), and the day such a person
 * stopped being shown as that: counted officially (`held_ended`), or, for the rejected, counted or held
 * (`rejected_ended`). Held or rejected by a day is then "first ≤ day" less "ended ≤ day".
 */
const asideFirsts = sql`aside AS MATERIALIZED (
			SELECT w.learner_id, w.region_id, w.day,
				CASE WHEN ${rejected(sql`w`, sql`w`)} THEN 'rejected' ELSE 'held' END AS kind
			FROM raw w WHERE NOT w.ok
		), side AS (
			SELECT learner_id, region_id AS area, kind, day FROM aside
			UNION ALL SELECT a.learner_id, ${districtAreaOf(sql`r`)}, a.kind, a.day FROM aside a
				JOIN regions r ON r.id = a.region_id
			UNION ALL SELECT learner_id, ${provinceAreaKey}, kind, day FROM aside
		), sidefirst AS MATERIALIZED (
			SELECT learner_id, area, kind, min(day) AS first_day FROM side GROUP BY 1, 2, 3
		), counted_on AS MATERIALIZED (
			SELECT learner_id, min(day) AS day FROM ev GROUP BY 1
		)`;

const asideRows = sql`SELECT learner_id, area, kind, 'all', '', first_day FROM sidefirst
		UNION ALL
		SELECT s.learner_id, s.area, 'held_ended', 'all', '', max(s.first_day, c.day) FROM sidefirst s
			JOIN counted_on c ON c.learner_id = s.learner_id
		WHERE s.kind = 'held'
		UNION ALL
		SELECT s.learner_id, s.area, 'rejected_ended', 'all', '',
			max(s.first_day, min(coalesce(c.day, h.first_day), coalesce(h.first_day, c.day)))
		FROM sidefirst s LEFT JOIN counted_on c ON c.learner_id = s.learner_id
			LEFT JOIN sidefirst h ON h.learner_id = s.learner_id AND h.kind = 'held' AND h.area = ${provinceAreaKey}
		WHERE s.kind = 'rejected' AND coalesce(c.day, h.first_day) IS NOT NULL`;

/** Which learners some statements are about, as a condition on a learner id column. */
export type Learners = (column: SQL) => SQL;
export type Statements = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];

/** Learners by id, bound as one JSON parameter however many there are. */
export const listed =
	(ids: string[]): Learners =>
	(column) =>
		sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/** Learner ids after `after` (excluded) up to `upTo` (included); null is open-ended. */
export const between =
	(after: string | null, upTo: string | null): Learners =>
	(column) =>
		sql`${after === null ? sql`true` : sql`${column} > ${after}`} AND ${upTo === null ? sql`true` : sql`${column} <= ${upTo}`}`;

/**
 * Replaces the rollups of some learners with the recomputation from their raw events, keeping the
 * monthly counts exact: their old first days leave the monthly counts, the recomputed ones enter.
 * Replaying this, or the background step folding the same events, changes nothing.
 */
export function learnerStatements(db: Db, who: Learners): Statements {
	return [
		db.run(sql`WITH gone AS (
				SELECT dim, area, kind, value, substr(first_day, 1, 7) AS month, count(*) AS n
				FROM reach_firsts WHERE ${who(sql`learner_id`)} GROUP BY 1, 2, 3, 4, 5)
			UPDATE reach_monthly SET learners = learners - gone.n FROM gone
			WHERE reach_monthly.dim = gone.dim AND reach_monthly.area = gone.area AND reach_monthly.kind = gone.kind
				AND reach_monthly.value = gone.value AND reach_monthly.month = gone.month`),
		db.run(sql`DELETE FROM reach_firsts WHERE ${who(sql`learner_id`)}`),
		db.run(
			sql`INSERT INTO reach_firsts (learner_id, area, kind, dim, value, first_day) ${expectedFirsts(who(sql`e.learner_id`))}`
		),
		db.run(sql`INSERT INTO reach_monthly (dim, area, kind, value, month, learners)
			SELECT dim, area, kind, value, substr(first_day, 1, 7), count(*) FROM reach_firsts WHERE ${who(sql`learner_id`)}
			GROUP BY 1, 2, 3, 4, 5
			ON CONFLICT (dim, area, kind, value, month) DO UPDATE SET learners = learners + excluded.learners`),
		db.run(sql`DELETE FROM reach_monthly WHERE learners = 0`)
	];
}

/**
 * Moves the background step's watermark to `lastRowid` (never back). The row is made on first use,
 * holding rollups of the current definition.
 */
export const watermarkAt = (db: Db, lastRowid: SQL | number) =>
	db.run(sql`INSERT INTO rollup_state (id, last_rowid, definition_version) SELECT 1, ${lastRowid}, ${definitionVersion} WHERE true
		ON CONFLICT (id) DO UPDATE SET last_rowid = max(last_rowid, excluded.last_rowid)`);

/** Moves the watermark past every event there is now. */
export const watermarkAtEnd = (db: Db) =>
	watermarkAt(db, sql`(SELECT coalesce(max(rowid), 0) FROM learning_events)`);

/**
 * Rebuilds the rollups of some learners from their raw events (after a merge, an erasure or a change of
 * age band) in the caller's batch, keeping the monthly counts exact.
 */
export function rebuildStatements(db: Db, learnerIds: string[]): Statements {
	return learnerStatements(db, listed(learnerIds));
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

/**
 * The last learner id of the chunk of `size` learners after `after` (in id order), or null when fewer
 * remain: the last chunk is open-ended, so chunks from null on cover every id, stale ones included.
 */
export async function chunkEnd(db: Db, after: string | null, size: number): Promise<string | null> {
	const [row] = (await db.all(
		sql`SELECT id FROM learners ${after === null ? sql`` : sql`WHERE id > ${after}`} ORDER BY id LIMIT 1 OFFSET ${size - 1}`
	)) as { id: string }[];
	return row?.id ?? null;
}
