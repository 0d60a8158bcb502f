import { and, desc, eq, sql } from 'drizzle-orm';
import { auditStatement } from '../audit';
import type { Db } from '../db/client';
import { holds, type Hold, type HoldStatus } from '../db/schema';
import { learnerStatements, listed } from './rollups';

/** The learners a group holds: made in its burst, or with an event held in it. */
async function learnersOf(db: Db, holdId: string): Promise<string[]> {
	const rows = (await db.all(sql`
		SELECT id AS learner FROM learners WHERE hold_id = ${holdId}
		UNION SELECT e.learner_id FROM event_holds h JOIN learning_events e ON e.id = h.event_id
		WHERE h.hold_id = ${holdId}`)) as { learner: string }[];
	return rows.map((r) => r.learner);
}

/** People not in the official figure because of a group, and how many the group holds in all. */
export interface HeldGroup extends Hold {
	learners: number;
	/** Of those, the ones the official figure does not count for any other learning. */
	notCounted: number;
}

/** Every group, newest first, with how many people it holds and how many only it keeps out. */
export async function heldGroups(db: Db, status?: HoldStatus): Promise<HeldGroup[]> {
	const groups = await db
		.select()
		.from(holds)
		.where(status ? eq(holds.status, status) : sql`true`)
		.orderBy(desc(holds.createdAt));
	const out: HeldGroup[] = [];
	for (const g of groups) {
		const ids = await learnersOf(db, g.id);
		const [row] = (await db.all(sql`
			SELECT count(*) AS n FROM json_each(${JSON.stringify(ids)}) j WHERE NOT EXISTS (
				SELECT 1 FROM reach_firsts f WHERE f.learner_id = j.value AND f.area = 'province'
					AND f.dim = 'all' AND f.kind = 'reached')`)) as { n: number }[];
		out.push({ ...g, learners: ids.length, notCounted: Number(row?.n ?? 0) });
	}
	return out;
}

/**
 * An analyst's decision on a group: released (its learning counts) or rejected (it never does), with a
 * note, in one batch with its audit entry and the rebuilt rollups of the people it holds.
 */
export async function decideHold(
	db: Db,
	holdId: string,
	status: Exclude<HoldStatus, 'held'>,
	by: { id: string; username: string },
	note: string,
	now = new Date()
): Promise<boolean> {
	const group = await db.query.holds.findFirst({ where: eq(holds.id, holdId) });
	if (!group || group.status !== 'held') return false;
	const learners = await learnersOf(db, holdId);
	await db.batch([
		db
			.update(holds)
			.set({ status, decidedBy: by.id, decidedAt: now, note })
			.where(and(eq(holds.id, holdId), eq(holds.status, 'held'))),
		...learnerStatements(db, listed(learners)),
		auditStatement(db, by, `hold.${status}`, holdId, {
			reason: group.reason,
			area: group.area,
			bucket: group.bucket,
			learners: learners.length,
			note
		})
	]);
	return true;
}
