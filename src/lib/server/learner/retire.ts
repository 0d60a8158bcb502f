import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema/index.ts';
import { eraseLearner } from './erase.ts';

/**
 * Storage limitation (Law 91/2025/QH15, Decree 356/2025/NĐ-CP): a learner with no activity for
 * `RETENTION_YEARS` years is unlinked as "My data"'s delete does, so no cookie or account finds the
 * records again; the records stay counted under a fresh, unlinkable id.
 */
export const defaultRetentionYears = 3;

/** `RETENTION_YEARS`: whole years from 1 to 100, or 0 (retirement off); anything else is refused. */
export function retentionYears(value = process.env.RETENTION_YEARS): number {
	if (value === undefined || value.trim() === '') return defaultRetentionYears;
	const years = Number(value);
	if (!/^\d+$/.test(value.trim()) || years > 100)
		throw new Error(
			`RETENTION_YEARS must be a whole number of years from 0 (off) to 100, not "${value}"`
		);
	return years;
}

/** The moment `years` calendar years before `now`: activity before it is too old. */
export function retentionCutoff(now: Date, years: number): Date {
	const cutoff = new Date(now);
	cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
	return cutoff;
}

/**
 * Learners still linked to a person whose creation and every event (as received by the server, a time
 * the device cannot set) came before `cutoff`. Erased rows (the fresh ids) are never picked again.
 */
async function inactive(db: Db, cutoff: Date, limit: number): Promise<string[]> {
	const at = cutoff.getTime();
	const rows = (await db.all(sql`
		SELECT l.id FROM learners l
		WHERE l.erased_at IS NULL AND l.created_at < ${at}
			AND NOT EXISTS (SELECT 1 FROM learning_events e WHERE e.learner_id = l.id AND e.received_at >= ${at})
		ORDER BY l.id LIMIT ${limit}`)) as { id: string }[];
	return rows.map((r) => r.id);
}

async function countInactive(db: Db, cutoff: Date): Promise<number> {
	const at = cutoff.getTime();
	const [row] = (await db.all(sql`
		SELECT count(*) AS n FROM learners l
		WHERE l.erased_at IS NULL AND l.created_at < ${at}
			AND NOT EXISTS (SELECT 1 FROM learning_events e WHERE e.learner_id = l.id AND e.received_at >= ${at})`)) as {
		n: number;
	}[];
	return Number(row?.n ?? 0);
}

export interface Retirement {
	/** Learners unlinked (with `dryRun`: who would be). */
	retired: number;
	cutoff: Date;
	dryRun: boolean;
}

/**
 * Unlinks every learner inactive since `years` before `now`, a few at a time (each one atomic, as the
 * delete on "My data"; the age band stays, so that no figure moves). Idempotent: a second run finds
 * no one more. A run that unlinked someone leaves one audit row with the count and the cutoff, never
 * an id; a run that found no one changes nothing (the server's log says it ran), so the daily sweep
 * does not write a row a day into the log of actions.
 */
export async function retireInactiveLearners(
	db: Db,
	{ years, now = new Date(), dryRun = false }: { years: number; now?: Date; dryRun?: boolean }
): Promise<Retirement> {
	if (years < 1) throw new Error('retirement is off (RETENTION_YEARS=0)');
	const cutoff = retentionCutoff(now, years);
	if (dryRun) return { retired: await countInactive(db, cutoff), cutoff, dryRun };
	let retired = 0;
	for (
		let batch = await inactive(db, cutoff, 100);
		batch.length;
		batch = await inactive(db, cutoff, 100)
	) {
		for (const id of batch) if (await eraseLearner(db, id, now, { keepAgeBand: true })) retired++;
	}
	if (retired === 0) return { retired, cutoff, dryRun };
	await db.insert(auditLog).values({
		actorId: null,
		actorName: 'system',
		action: 'learners.retired',
		target: null,
		detail: JSON.stringify({ retired, years, inactiveSince: cutoff.toISOString() }),
		at: now
	});
	return { retired, cutoff, dryRun };
}

const day = 24 * 60 * 60_000;

/**
 * The running server's daily retirement: first soon after start-up (never awaited by it), then every
 * day; each run is logged. Off when `years` is 0. Returns a stop function (for tests).
 */
export function scheduleRetirement(
	db: Db,
	years: number,
	log: {
		info: (o: object, msg: string) => void;
		warn: (o: object, msg: string) => void;
	},
	firstDelayMs = 60_000
): () => void {
	if (years < 1) {
		log.info({ retentionYears: 0 }, 'retiring inactive learners is off');
		return () => {};
	}
	const run = () =>
		retireInactiveLearners(db, { years })
			.then((r) =>
				log.info(
					{ retired: r.retired, inactiveSince: r.cutoff.toISOString() },
					'inactive learners retired'
				)
			)
			.catch((error: unknown) => log.warn({ err: error }, 'retiring inactive learners failed'));
	let daily: ReturnType<typeof setInterval> | undefined;
	const first = setTimeout(() => {
		void run();
		daily = setInterval(() => void run(), day);
		daily.unref?.();
	}, firstDelayMs);
	first.unref?.();
	return () => {
		clearTimeout(first);
		clearInterval(daily);
	};
}
