import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { log } from '../log';
import { learnerStatements, listed, watermarkAt } from './rollups';

/** Events are folded into the rollups in steps of at most this many, so no step holds the database long. */
export const stepSize = 500;

/**
 * One bounded step: the learners of up to `stepSize` events recorded since the last step have their
 * rollups rebuilt from all their raw events (exact whatever the order of arrival: a late offline event,
 * a year's first event that moves the year's unit, a hold decided), and the watermark moves past those
 * events, in one atomic batch. Replays, and two processes stepping at once, come out the same. Returns
 * how many events it folded in.
 */
export async function rollupStep(db: Db): Promise<number> {
	const [state] = (await db.all(sql`SELECT last_rowid AS last FROM rollup_state WHERE id = 1`)) as {
		last: number;
	}[];
	const rows = (await db.all(sql`
		SELECT rowid AS r, learner_id AS learner FROM learning_events WHERE rowid > ${state?.last ?? 0}
		ORDER BY rowid LIMIT ${stepSize}`)) as { r: number; learner: string }[];
	if (!rows.length) return 0;
	const learners = [...new Set(rows.map((row) => row.learner))];
	await db.batch([...learnerStatements(db, listed(learners)), watermarkAt(db, rows.at(-1)!.r)]);
	return rows.length;
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
