import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Catalogue } from '$lib/content/types';
import { isEmbeddedFile, type Db } from '../db/client';
import { lessonTags } from '../db/schema';
import { log } from '../log';
import { writerOf } from './writer-registry';

/**
 * Reach rollups, maintained by a bounded background step right after writes (and before any dashboard
 * read), and recomputable from raw events at any time (`npm run reach:verify`). The definitions:
 *
 * - reached: a learner completed a lesson (read it to the end, or submitted its quiz) in a region;
 * - skilled: a learner passed a quiz in a region;
 * - each counts once per learner, region and breakdown, on the province day (UTC+7) of the first such
 *   event by when it happened (an event synced late from an offline phone lands on its own day);
 * - breakdowns: course, audience tag of the lesson, the learner's current age band, campaign (the event's
 *   attribution) and the organization type of that campaign.
 */

export const dayOf = (column: SQL) => sql`date(${column} / 1000, 'unixepoch', '+7 hours')`;

/** The first days every learner should have, recomputed from raw events: the definition, in SQL. */
function expectedFirsts(where?: SQL): SQL {
	const only = where ? sql`WHERE ${where}` : sql``;
	// `ev` is computed once, not once per breakdown below (each reads it): the day and the quiz result
	// of an event are worked out one time.
	return sql`
		WITH ev AS MATERIALIZED (
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

/** Which learners some statements are about, as a condition on a learner id column. */
type Learners = (column: SQL) => SQL;
type Statements = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];

const listed =
	(ids: string[]): Learners =>
	(column) =>
		sql`${column} IN (${sql.join(
			ids.map((id) => sql`${id}`),
			sql`, `
		)})`;

/** Learner ids from `from` (included) to `to` (excluded); null is open-ended. */
type Range = [from: string | null, to: string | null];
const inRange =
	([from, to]: Range): Learners =>
	(column) =>
		sql`${from === null ? sql`true` : sql`${column} >= ${from}`} AND ${to === null ? sql`true` : sql`${column} < ${to}`}`;

/**
 * Replaces the rollups of some learners with the recomputation from their raw events, keeping the
 * monthly counts exact: their old first days leave the monthly counts, the recomputed ones enter.
 * Replaying this, or the background step folding the same events, changes nothing.
 */
function learnerStatements(db: Db, who: Learners): Statements {
	return [
		db.run(sql`WITH gone AS (
				SELECT dim, region_id, kind, value, substr(first_day, 1, 7) AS month, count(*) AS n
				FROM reach_firsts WHERE ${who(sql`learner_id`)} GROUP BY 1, 2, 3, 4, 5)
			UPDATE reach_monthly SET learners = learners - gone.n FROM gone
			WHERE reach_monthly.dim = gone.dim AND reach_monthly.region_id = gone.region_id AND reach_monthly.kind = gone.kind
				AND reach_monthly.value = gone.value AND reach_monthly.month = gone.month`),
		db.run(sql`DELETE FROM reach_firsts WHERE ${who(sql`learner_id`)}`),
		db.run(
			sql`INSERT INTO reach_firsts (learner_id, region_id, kind, dim, value, first_day) ${expectedFirsts(who(sql`e.learner_id`))}`
		),
		db.run(sql`INSERT INTO reach_monthly (dim, region_id, kind, value, month, learners)
			SELECT dim, region_id, kind, value, substr(first_day, 1, 7), count(*) FROM reach_firsts WHERE ${who(sql`learner_id`)}
			GROUP BY 1, 2, 3, 4, 5
			ON CONFLICT (dim, region_id, kind, value, month) DO UPDATE SET learners = learners + excluded.learners`),
		db.run(sql`DELETE FROM reach_monthly WHERE learners = 0`)
	];
}

/** Moves the background step's watermark past every event there is now. */
const watermarkAtEnd = (db: Db) =>
	db.run(sql`INSERT INTO rollup_state (id, last_rowid) SELECT 1, coalesce(max(rowid), 0) FROM learning_events WHERE true
		ON CONFLICT (id) DO UPDATE SET last_rowid = max(last_rowid, excluded.last_rowid)`);

/**
 * Rebuilds the rollups of some learners from their raw events (after a merge, an erasure or a change of
 * age band), keeping the monthly counts exact. Pass no ids to rebuild everything in one transaction
 * (small databases and tests; `rebuildRollups` does it in bounded chunks).
 */
export function rebuildStatements(db: Db, learnerIds?: string[]): Statements {
	if (learnerIds) return learnerStatements(db, listed(learnerIds));
	return [
		db.run(sql`DELETE FROM reach_monthly`),
		db.run(sql`DELETE FROM reach_firsts`),
		db.run(
			sql`INSERT INTO reach_firsts (learner_id, region_id, kind, dim, value, first_day) ${expectedFirsts()}`
		),
		db.run(sql`INSERT INTO reach_monthly (dim, region_id, kind, value, month, learners)
			SELECT dim, region_id, kind, value, substr(first_day, 1, 7), count(*) FROM reach_firsts GROUP BY 1, 2, 3, 4, 5`),
		watermarkAtEnd(db)
	];
}

export async function rebuildLearners(db: Db, learnerIds: string[]): Promise<void> {
	if (!learnerIds.length) return;
	await db.batch(rebuildStatements(db, learnerIds));
}

/** Learners per chunk of `reach:rebuild` and `reach:verify`: each chunk's work stays small in memory. */
export const chunkLearners = 20_000;

/** Consecutive ranges of learner ids holding about `size` learners each, covering every possible id. */
async function learnerRanges(db: Db, size: number): Promise<Range[]> {
	const bounds: string[] = [];
	for (;;) {
		const after = bounds.at(-1);
		const [row] = (await db.all(
			sql`SELECT id FROM learners ${after === undefined ? sql`` : sql`WHERE id > ${after}`} ORDER BY id LIMIT 1 OFFSET ${size}`
		)) as { id: string }[];
		if (!row) break;
		bounds.push(row.id);
	}
	const starts = [null, ...bounds];
	return starts.map((from, i) => [from, bounds[i] ?? null]);
}

/**
 * Replaces every rollup with the recomputation from raw events, one chunk of learners per transaction,
 * so memory stays bounded however large the province. The rollups are emptied first: until the last
 * chunk is done the dashboard shows only the learners rebuilt so far (this is a repair, run rarely).
 * The background step may run meanwhile: each chunk is an exact rebuild of its learners.
 */
export async function rebuildRollups(db: Db, size = chunkLearners): Promise<void> {
	await db.batch([
		db.run(sql`DELETE FROM reach_monthly`),
		db.run(sql`DELETE FROM reach_firsts`),
		// The chunks cover every event there is now: the background step need not fold them again.
		watermarkAtEnd(db)
	]);
	for (const range of await learnerRanges(db, size)) {
		await db.batch(learnerStatements(db, inRange(range)));
	}
}

export interface Verification {
	firstsChecked: number;
	firstsWrong: number;
	monthlyChecked: number;
	monthlyWrong: number;
}

/**
 * Recomputes every rollup from raw events and counts the rows that differ from the live ones (catch up
 * first). The first days are compared one chunk of learners at a time, and the monthly counts the
 * chunks imply are summed here (a few thousand rows), so memory stays bounded.
 */
export async function verifyRollups(db: Db, size = chunkLearners): Promise<Verification> {
	const result: Verification = {
		firstsChecked: 0,
		firstsWrong: 0,
		monthlyChecked: 0,
		monthlyWrong: 0
	};
	const expectedMonthly = new Map<string, number>();
	const key = (r: { dim: string; region_id: string; kind: string; value: string; month: string }) =>
		JSON.stringify([r.dim, r.region_id, r.kind, r.value, r.month]);
	for (const range of await learnerRanges(db, size)) {
		const who = inRange(range);
		const [firsts] = (await db.all(sql`
			WITH expected AS MATERIALIZED (${expectedFirsts(who(sql`e.learner_id`))}),
			live AS MATERIALIZED (SELECT learner_id, region_id, kind, dim, value, first_day FROM reach_firsts WHERE ${who(sql`learner_id`)})
			SELECT (SELECT count(*) FROM expected) AS checked,
				(SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM live))
				+ (SELECT count(*) FROM (SELECT * FROM live EXCEPT SELECT * FROM expected)) AS wrong`)) as {
			checked: number;
			wrong: number;
		}[];
		result.firstsChecked += Number(firsts?.checked ?? 0);
		result.firstsWrong += Number(firsts?.wrong ?? 0);
		const months = (await db.all(sql`
			SELECT dim, region_id, kind, value, substr(first_day, 1, 7) AS month, count(*) AS learners
			FROM (${expectedFirsts(who(sql`e.learner_id`))}) GROUP BY 1, 2, 3, 4, 5`)) as MonthlyRow[];
		for (const m of months)
			expectedMonthly.set(key(m), (expectedMonthly.get(key(m)) ?? 0) + Number(m.learners));
	}
	const live = (await db.all(
		sql`SELECT dim, region_id, kind, value, month, learners FROM reach_monthly WHERE learners <> 0`
	)) as MonthlyRow[];
	result.monthlyChecked = expectedMonthly.size;
	const seen = new Set<string>();
	for (const row of live) {
		seen.add(key(row));
		if (expectedMonthly.get(key(row)) !== Number(row.learners)) result.monthlyWrong++;
	}
	for (const k of expectedMonthly.keys()) if (!seen.has(k)) result.monthlyWrong++;
	return result;
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

/** One row of reach_monthly, as recomputed or as stored. */
interface MonthlyRow {
	dim: string;
	region_id: string;
	kind: string;
	value: string;
	month: string;
	learners: number;
}

/** Events are folded into the rollups in steps of at most this many, so no step holds the database long. */
export const stepSize = 500;

/**
 * One bounded step: the first days that up to `stepSize` events recorded since the last step imply are
 * merged into the rollups (set-based: a learner counts in a month only if no earlier day is known; a
 * learner whose first day moves earlier leaves the later month), and the watermark moves past those
 * events, all in one atomic batch. Replays and late arrivals come out the same. Returns how many events
 * it folded in.
 */
export async function rollupStep(db: Db): Promise<number> {
	const [state] = (await db.all(sql`SELECT last_rowid AS last FROM rollup_state WHERE id = 1`)) as {
		last: number;
	}[];
	const from = state?.last ?? 0;
	const [range] = (await db.all(sql`
		SELECT count(*) AS n, max(r) AS last FROM (SELECT rowid AS r FROM learning_events WHERE rowid > ${from} ORDER BY rowid LIMIT ${stepSize})`)) as {
		n: number;
		last: number | null;
	}[];
	if (!range?.n || range.last === null) return 0;
	const events = sql`e.rowid > ${from} AND e.rowid <= ${range.last}`;
	// On the embedded file the candidates are computed once into a temporary table (private to this
	// connection), not once per statement that reads them. A libSQL server (sqld, Turso) refuses
	// temporary tables, so there each statement computes them in its own CTE.
	const temp = isEmbeddedFile(db);
	const cand = temp
		? sql`cand AS (SELECT * FROM temp.rollup_cand)`
		: sql`cand AS (${expectedFirsts(events)})`;
	const same = sql`f.learner_id = c.learner_id AND f.region_id = c.region_id AND f.kind = c.kind AND f.dim = c.dim AND f.value = c.value`;
	const fill = temp
		? [
				db.run(
					sql`CREATE TEMP TABLE IF NOT EXISTS rollup_cand (learner_id, region_id, kind, dim, value, first_day)`
				),
				db.run(sql`DELETE FROM temp.rollup_cand`),
				db.run(sql`INSERT INTO temp.rollup_cand ${expectedFirsts(events)}`)
			]
		: [];
	const empty = temp ? [db.run(sql`DELETE FROM temp.rollup_cand`)] : [];
	const statements = [
		...fill,
		db.run(sql`WITH ${cand}
			INSERT INTO reach_monthly (dim, region_id, kind, value, month, learners)
			SELECT c.dim, c.region_id, c.kind, c.value, substr(c.first_day, 1, 7), count(*) FROM cand c
			LEFT JOIN reach_firsts f ON ${same}
			WHERE f.first_day IS NULL OR c.first_day < f.first_day GROUP BY 1, 2, 3, 4, 5
			ON CONFLICT (dim, region_id, kind, value, month) DO UPDATE SET learners = learners + excluded.learners`),
		db.run(sql`WITH ${cand}, gone AS (
				SELECT f.dim, f.region_id, f.kind, f.value, substr(f.first_day, 1, 7) AS month, count(*) AS n
				FROM cand c JOIN reach_firsts f ON ${same} WHERE c.first_day < f.first_day GROUP BY 1, 2, 3, 4, 5)
			UPDATE reach_monthly SET learners = learners - gone.n FROM gone
			WHERE reach_monthly.dim = gone.dim AND reach_monthly.region_id = gone.region_id AND reach_monthly.kind = gone.kind
				AND reach_monthly.value = gone.value AND reach_monthly.month = gone.month`),
		db.run(sql`WITH ${cand}
			INSERT INTO reach_firsts (learner_id, region_id, kind, dim, value, first_day) SELECT * FROM cand WHERE true
			ON CONFLICT (learner_id, region_id, kind, dim, value) DO UPDATE SET first_day = min(first_day, excluded.first_day)`),
		...empty,
		db.run(sql`DELETE FROM reach_monthly WHERE learners = 0`),
		db.run(sql`INSERT INTO rollup_state (id, last_rowid) VALUES (1, ${range.last})
			ON CONFLICT (id) DO UPDATE SET last_rowid = max(last_rowid, excluded.last_rowid)`)
	];
	type Statement = (typeof statements)[number];
	await db.batch(statements as [Statement, ...Statement[]]);
	return range.n;
}

/**
 * Folds in everything pending (bounded by `maxSteps`); dashboards call this before reading. With a
 * writer thread, the steps run there: only one connection ever writes events and rollups.
 */
export async function catchUp(db: Db, maxSteps = 50): Promise<number> {
	const writer = writerOf(db);
	if (writer) return writer.catchUp(maxSteps);
	let folded = 0;
	for (let i = 0; i < maxSteps; i++) {
		const n = await rollupStep(db);
		folded += n;
		if (n < stepSize) break;
		// Let requests waiting on this (single) thread run between steps.
		await new Promise((resolve) => setImmediate(resolve));
	}
	return folded;
}

let scheduled: ReturnType<typeof setTimeout> | null = null;

/** Runs a catch-up shortly after writes, once for a burst of them; errors are logged, not thrown. */
export function scheduleRollups(db: Db, delayMs = 250): void {
	if (scheduled) return;
	scheduled = setTimeout(() => {
		scheduled = null;
		catchUp(db).catch((error: unknown) => {
			// A closed client means the process (or a test) is shutting down: the next start catches up.
			const code =
				(error as { code?: string; cause?: { code?: string } }).cause?.code ??
				(error as { code?: string }).code;
			if (code !== 'CLIENT_CLOSED') log.error({ err: error }, 'rollup step failed');
		});
	}, delayMs);
	scheduled.unref?.();
}
