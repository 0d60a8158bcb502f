import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { log } from '../log';
import { definitionVersion } from './definition';
import { between, chunkEnd, learnerStatements, watermarkAt, watermarkAtEnd } from './rollups';
import { isShutdown } from './step';

/**
 * Rebuilding the rollups from raw events, one chunk of learners per transaction: by `npm run
 * reach:rebuild` (a repair), and in the background after start-up when the stored rollups follow an
 * older definition of reach. Progress is kept in `rollup_state`, so a restart resumes where it stopped,
 * and every chunk is an exact rebuild of its learners: a background step folding new events meanwhile,
 * or a second process rebuilding too, counts nothing twice.
 */

/** Learners per chunk in the background: a few tens of milliseconds each on the server's thread. */
export const backgroundChunk = 250;
/** Learners per chunk of the command-line rebuild and verify: each chunk's memory stays small. */
export const chunkLearners = 20_000;

interface State {
	definitionVersion: number;
	rebuildVersion: number | null;
	rebuildAfter: string | null;
}

async function readState(db: Db): Promise<State | undefined> {
	const [state] = (await db.all(
		sql`SELECT definition_version AS definitionVersion, rebuild_version AS rebuildVersion, rebuild_after AS rebuildAfter
			FROM rollup_state WHERE id = 1`
	)) as State[];
	return state;
}

/** Empties the rollups and starts a rebuild to the current definition, in one transaction. */
export async function startRebuild(db: Db): Promise<void> {
	await db.batch([
		db.run(sql`DELETE FROM reach_monthly`),
		db.run(sql`DELETE FROM reach_firsts`),
		// The chunks cover every event there is now: the background step need not fold them again.
		watermarkAtEnd(db),
		db.run(
			sql`UPDATE rollup_state SET rebuild_version = ${definitionVersion}, rebuild_after = NULL WHERE id = 1`
		)
	]);
}

/** Rebuilds the next chunk of a rebuild in progress; false once it is finished (or none runs). */
export async function rebuildNextChunk(db: Db, size: number): Promise<boolean> {
	const state = await readState(db);
	if (state?.rebuildVersion == null) return false;
	const end = await chunkEnd(db, state.rebuildAfter, size);
	const progress =
		end === null
			? sql`UPDATE rollup_state SET definition_version = rebuild_version, rebuild_version = NULL, rebuild_after = NULL WHERE id = 1`
			: sql`UPDATE rollup_state SET rebuild_after = ${end} WHERE id = 1`;
	await db.batch([...learnerStatements(db, between(state.rebuildAfter, end)), db.run(progress)]);
	return end !== null;
}

/** Replaces every rollup with the recomputation from raw events (`npm run reach:rebuild`). */
export async function rebuildRollups(db: Db, size = chunkLearners): Promise<void> {
	await startRebuild(db);
	while (await rebuildNextChunk(db, size));
}

const running = new WeakSet<Db>();

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a rebuild in progress to its end in this process, from the next turn of the event loop (start-up
 * goes on first). The embedded client runs each chunk on this thread, so after each one the rebuild
 * waits as long as the chunk took: requests get at least half of the thread meanwhile.
 */
export async function rebuildInBackground(db: Db, size = backgroundChunk): Promise<void> {
	if (running.has(db)) return;
	running.add(db);
	const started = Date.now();
	try {
		await pause(0);
		for (;;) {
			const chunkStarted = performance.now();
			if (!(await rebuildNextChunk(db, size))) break;
			await pause(performance.now() - chunkStarted);
		}
		log.info({ ms: Date.now() - started, definitionVersion }, 'reach rollups rebuilt');
	} catch (error) {
		if (!isShutdown(error)) log.error({ err: error }, 'rebuilding the reach rollups failed');
	} finally {
		running.delete(db);
	}
}

/**
 * At start-up (and on the heartbeat): rollups of an older definition start rebuilding, and a rebuild
 * in progress goes on, in the background: the server answers meanwhile. Never rebuilds down to an older
 * definition (a node left on an old build during an upgrade).
 */
export async function keepDefinitionCurrent(db: Db): Promise<{ rebuilt: Promise<void> | null }> {
	const state = await readState(db);
	const current = { rebuilt: null };
	if (!state) {
		await db.batch([watermarkAt(db, 0)]);
		return current;
	}
	if (state.rebuildVersion === null && state.definitionVersion === definitionVersion)
		return current;
	if (state.definitionVersion > definitionVersion) {
		log.warn(
			{ stored: state.definitionVersion, definitionVersion },
			'the reach rollups follow a newer definition than this build: upgrade this node'
		);
		return current;
	}
	if (state.rebuildVersion !== definitionVersion) {
		log.info(
			{ from: state.definitionVersion, to: definitionVersion },
			'the definition of reach changed: rebuilding the rollups in the background'
		);
		await startRebuild(db);
	}
	return { rebuilt: rebuildInBackground(db) };
}

/** Whether the stored rollups follow this build's definition, with no rebuild in progress. */
export async function rollupsAreCurrent(db: Db): Promise<boolean> {
	const state = await readState(db);
	return !state || (state.rebuildVersion === null && state.definitionVersion >= definitionVersion);
}

/** A rebuild in progress, as learners done of all learners; null when the rollups are current. */
export async function rebuildProgress(db: Db): Promise<{ done: number; total: number } | null> {
	const state = await readState(db);
	if (state?.rebuildVersion == null) return null;
	const [row] = (await db.all(
		sql`SELECT (SELECT count(*) FROM learners WHERE id <= ${state.rebuildAfter ?? ''}) AS done, (SELECT count(*) FROM learners) AS total`
	)) as { done: number; total: number }[];
	return { done: Number(row?.done ?? 0), total: Number(row?.total ?? 0) };
}
