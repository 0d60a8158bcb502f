import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { checkins, inPersonSessions, learners, type InPersonSession } from '../db/schema';
import { learnerStatements, listed } from '../reach/rollups';
import { generateCode } from './codes';

export interface SessionInput {
	heldOn: string;
	place: string;
	regionId: string;
	topic: string;
	campaignId: string | null;
	selfReported: number | null;
}

export async function createInPersonSession(
	db: Db,
	organizationId: string,
	createdBy: string | null,
	input: SessionInput
): Promise<InPersonSession> {
	const session: InPersonSession = {
		id: crypto.randomUUID(),
		organizationId,
		...input,
		// Longer than a join code: it is scanned, never typed.
		checkinCode: generateCode(16),
		createdBy,
		createdAt: new Date()
	};
	await db.insert(inPersonSessions).values(session);
	return session;
}

export async function findOwnSession(db: Db, id: string, organizationId: string) {
	return (
		(await db.query.inPersonSessions.findFirst({
			where: and(eq(inPersonSessions.id, id), eq(inPersonSessions.organizationId, organizationId))
		})) ?? null
	);
}

export async function verifiedCount(db: Db, sessionId: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(checkins)
		.where(eq(checkins.sessionId, sessionId));
	return row?.n ?? 0;
}

export function sessionsOf(db: Db, organizationId: string) {
	return db
		.select()
		.from(inPersonSessions)
		.where(eq(inPersonSessions.organizationId, organizationId))
		.orderBy(desc(inPersonSessions.heldOn));
}

/**
 * A verified attendee: the learner scanned the session's QR code. Once per learner per session. A
 * person seen in a hall vouches for their own learning: if they were made in a burst (a commune hall of
 * a hundred phones on one Wi-Fi), it is held no longer, and their rollups are rebuilt at once.
 */
export async function checkIn(
	db: Db,
	sessionId: string,
	learner: { id: string; regionId: string },
	now = new Date()
): Promise<'new' | 'again'> {
	const [inserted] = await db.batch([
		db
			.insert(checkins)
			.values({ sessionId, learnerId: learner.id, regionId: learner.regionId, at: now })
			.onConflictDoNothing()
			.returning({ id: checkins.sessionId }),
		db
			.update(learners)
			.set({ vouchedAt: sql`coalesce(${learners.vouchedAt}, ${now.getTime()})` })
			.where(eq(learners.id, learner.id)),
		...learnerStatements(db, listed([learner.id]))
	]);
	return inserted.length ? 'new' : 'again';
}
