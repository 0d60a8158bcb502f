import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { holds, type HoldReason } from '../db/schema';

/**
 * Groups of learning held for review (`holds`). A group is one reason, one area, one hour or day, and
 * a key (for an address, a keyed hash): new learning of that kind joins the group still open; once an
 * analyst has decided a group, later learning starts a new one, so nothing is released unseen.
 */
export interface HoldGroup {
	reason: HoldReason;
	area: string;
	bucket: string;
	key: string;
}

/** The id of the open group for these learnings, and the statement that makes it if it is new. */
export async function openGroup(db: Db, group: HoldGroup, now = new Date()) {
	const same = and(
		eq(holds.reason, group.reason),
		eq(holds.area, group.area),
		eq(holds.bucket, group.bucket)
	);
	const rows = await db
		.select({ id: holds.id, key: holds.key, status: holds.status })
		.from(holds)
		.where(and(same, sql`(${holds.key} = ${group.key} OR ${holds.key} LIKE ${`${group.key}#%`})`));
	const open = rows.find((r) => r.status === 'held');
	if (open) return { id: open.id, statement: null };
	const key = rows.length ? `${group.key}#${rows.length + 1}` : group.key;
	// Named by what it holds: two processes opening the same group at once make one row.
	const id = [group.reason, group.area, group.bucket, key].join('/');
	return {
		id,
		statement: db
			.insert(holds)
			.values({ id, ...group, key, createdAt: now })
			.onConflictDoNothing()
	};
}
