import { sql } from 'drizzle-orm';
import { isEmbeddedFile, type Db } from '../db/client';
import { log } from '../log';
import { expectedFirsts, watermarkAt } from './rollups';

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
	const same = sql`f.learner_id = c.learner_id AND f.area = c.area AND f.kind = c.kind AND f.dim = c.dim AND f.value = c.value`;
	const fill = temp
		? [
				db.run(
					sql`CREATE TEMP TABLE IF NOT EXISTS rollup_cand (learner_id, area, kind, dim, value, first_day)`
				),
				db.run(sql`DELETE FROM temp.rollup_cand`),
				db.run(sql`INSERT INTO temp.rollup_cand ${expectedFirsts(events)}`)
			]
		: [];
	const empty = temp ? [db.run(sql`DELETE FROM temp.rollup_cand`)] : [];
	const statements = [
		...fill,
		db.run(sql`WITH ${cand}
			INSERT INTO reach_monthly (dim, area, kind, value, month, learners)
			SELECT c.dim, c.area, c.kind, c.value, substr(c.first_day, 1, 7), count(*) FROM cand c
			LEFT JOIN reach_firsts f ON ${same}
			WHERE f.first_day IS NULL OR c.first_day < f.first_day GROUP BY 1, 2, 3, 4, 5
			ON CONFLICT (dim, area, kind, value, month) DO UPDATE SET learners = learners + excluded.learners`),
		db.run(sql`WITH ${cand}, gone AS (
				SELECT f.dim, f.area, f.kind, f.value, substr(f.first_day, 1, 7) AS month, count(*) AS n
				FROM cand c JOIN reach_firsts f ON ${same} WHERE c.first_day < f.first_day GROUP BY 1, 2, 3, 4, 5)
			UPDATE reach_monthly SET learners = learners - gone.n FROM gone
			WHERE reach_monthly.dim = gone.dim AND reach_monthly.area = gone.area AND reach_monthly.kind = gone.kind
				AND reach_monthly.value = gone.value AND reach_monthly.month = gone.month`),
		db.run(sql`WITH ${cand}
			INSERT INTO reach_firsts (learner_id, area, kind, dim, value, first_day) SELECT * FROM cand WHERE true
			ON CONFLICT (learner_id, area, kind, dim, value) DO UPDATE SET first_day = excluded.first_day
			WHERE excluded.first_day < reach_firsts.first_day`),
		...empty,
		db.run(sql`DELETE FROM reach_monthly WHERE learners = 0`),
		watermarkAt(db, range.last)
	];
	type Statement = (typeof statements)[number];
	await db.batch(statements as [Statement, ...Statement[]]);
	return range.n;
}

/** Folds in everything pending (bounded by `maxSteps`); dashboards call this before reading. */
export async function catchUp(db: Db, maxSteps = 50): Promise<number> {
	let folded = 0;
	for (let i = 0; i < maxSteps; i++) {
		const n = await rollupStep(db);
		folded += n;
		if (n < stepSize) break;
		// Let waiting requests run between steps: the embedded client runs each one on this thread.
		await new Promise((resolve) => setImmediate(resolve));
	}
	return folded;
}

/** A closed client means the process (or a test) is shutting down: the next start catches up. */
export function isShutdown(error: unknown): boolean {
	const e = error as { code?: string; cause?: { code?: string } };
	return (e.cause?.code ?? e.code) === 'CLIENT_CLOSED';
}

let scheduled: ReturnType<typeof setTimeout> | null = null;

/**
 * Runs a catch-up shortly after writes, once for a burst of them, and again at once while a backlog
 * remains (after a crash or a restore); errors are logged, not thrown.
 */
export function scheduleRollups(db: Db, delayMs = 250): void {
	if (scheduled) return;
	const steps = 50;
	scheduled = setTimeout(() => {
		scheduled = null;
		catchUp(db, steps).then(
			(folded) => folded >= steps * stepSize && scheduleRollups(db, 0),
			(error: unknown) => {
				if (!isShutdown(error)) log.error({ err: error }, 'rollup step failed');
			}
		);
	}, delayMs);
	scheduled.unref?.();
}
