import { desc } from 'drizzle-orm';
import type { Db } from './db/client.ts';
import { auditLog } from './db/schema/index.ts';

export interface Actor {
	id: string;
	username: string;
}

/**
 * The audit row of an admin or organizer action, as a statement to run in the same batch as the
 * action itself. `detail` must hold no personal data of residents.
 */
export function auditStatement(
	db: Db,
	actor: Actor,
	action: string,
	target: string | null,
	detail?: Record<string, unknown>,
	at = new Date()
) {
	return db.insert(auditLog).values({
		actorId: actor.id,
		actorName: actor.username,
		action,
		target,
		detail: detail ? JSON.stringify(detail) : null,
		at
	});
}

/** Records an admin or organizer action. `detail` must hold no personal data of residents. */
export async function audit(
	db: Db,
	actor: Actor,
	action: string,
	target: string | null,
	detail?: Record<string, unknown>
): Promise<void> {
	await auditStatement(db, actor, action, target, detail);
}

export function recentAudit(db: Db, limit = 200) {
	return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit);
}
