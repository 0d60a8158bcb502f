import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rebuildStatements } from '../reach/rollups';
import {
	campaignMembers,
	checkins,
	learners,
	learningEvents,
	lessonProgress,
	quizAttempts
} from '../db/schema';

/**
 * Deletes a person's link to their learning while keeping the province's counts: the records move to a
 * fresh random id that no cookie or account can ever point at again, the age band is dropped (unless
 * `keepAgeBand`: retirement keeps it, so that no published figure by age moves), and the learner row
 * that was linked to the person is deleted. What the evidence checks decided (held in a burst, seen at
 * a session) moves with the records, so deleting never turns held learning into counted. One atomic batch;
 * false when there was no such learner.
 */
export async function eraseLearner(
	db: Db,
	learnerId: string,
	now = new Date(),
	{ keepAgeBand = false } = {}
): Promise<boolean> {
	const learner = await db.query.learners.findFirst({ where: eq(learners.id, learnerId) });
	if (!learner) return false;
	const anonymous = crypto.randomUUID();
	await db.batch([
		db.insert(learners).values({
			id: anonymous,
			regionId: learner.regionId,
			ageBand: keepAgeBand ? learner.ageBand : null,
			userId: null,
			consentedAt: learner.consentedAt,
			createdAt: learner.createdAt,
			erasedAt: now,
			holdId: learner.holdId,
			vouchedAt: learner.vouchedAt
		}),
		db
			.update(learningEvents)
			.set({ learnerId: anonymous })
			.where(eq(learningEvents.learnerId, learnerId)),
		db
			.update(quizAttempts)
			.set({ learnerId: anonymous })
			.where(eq(quizAttempts.learnerId, learnerId)),
		db
			.update(lessonProgress)
			.set({ learnerId: anonymous })
			.where(eq(lessonProgress.learnerId, learnerId)),
		db
			.update(campaignMembers)
			.set({ learnerId: anonymous })
			.where(eq(campaignMembers.learnerId, learnerId)),
		db.update(checkins).set({ learnerId: anonymous }).where(eq(checkins.learnerId, learnerId)),
		db.delete(learners).where(eq(learners.id, learnerId)),
		// The age band may be gone: recount the records under their new, unlinkable id.
		...rebuildStatements(db, [learnerId, anonymous])
	]);
	return true;
}
