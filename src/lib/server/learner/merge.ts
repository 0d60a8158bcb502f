import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rebuildStatements } from '../reach/rollups';
import { upsertProgress } from '../reach/progress';
import {
	campaignMembers,
	checkins,
	learners,
	learningEvents,
	lessonProgress,
	quizAttempts
} from '../db/schema';

/**
 * Brings an anonymous learner into an account when its owner signs up or signs in. If the account has no
 * learner yet, the anonymous one simply becomes it. Otherwise its events, attempts and progress move to
 * the account's learner and it is deleted: one person is then one learner, counted once. One atomic batch.
 */
export async function mergeIntoAccount(
	db: Db,
	anonymousId: string,
	userId: string
): Promise<'linked' | 'merged'> {
	const existing = await db.query.learners.findFirst({ where: eq(learners.userId, userId) });
	if (!existing) {
		await db.update(learners).set({ userId }).where(eq(learners.id, anonymousId));
		return 'linked';
	}
	if (existing.id === anonymousId) return 'linked';
	await db.batch([
		// What the evidence checks decided moves with the learning: events of a learner held in a burst
		// (and not seen at a session) stay held in that group, one by one; a check-in vouches for the person.
		db.run(sql`
			INSERT OR IGNORE INTO event_holds (event_id, hold_id)
			SELECT e.id, l.hold_id FROM learning_events e JOIN learners l ON l.id = e.learner_id
			WHERE l.id = ${anonymousId} AND l.hold_id IS NOT NULL AND l.vouched_at IS NULL
		`),
		db.run(sql`
			UPDATE learners SET vouched_at = coalesce(vouched_at,
				(SELECT vouched_at FROM learners WHERE id = ${anonymousId}))
			WHERE id = ${existing.id}
		`),
		db
			.update(learningEvents)
			.set({ learnerId: existing.id })
			.where(eq(learningEvents.learnerId, anonymousId)),
		db
			.update(quizAttempts)
			.set({ learnerId: existing.id })
			.where(eq(quizAttempts.learnerId, anonymousId)),
		// Same lesson on both devices: keep the earliest completion and pass, and the best score.
		upsertProgress(
			db,
			sql`SELECT ${existing.id}, course_slug, lesson_slug, completed_at, best_score, total, passed_at, updated_at
				FROM lesson_progress WHERE learner_id = ${anonymousId}`
		),
		db.delete(lessonProgress).where(eq(lessonProgress.learnerId, anonymousId)),
		// Campaigns joined and sessions attended on either device count once for the person.
		db.run(sql`
			INSERT OR IGNORE INTO campaign_members (campaign_id, learner_id, joined_at)
			SELECT campaign_id, ${existing.id}, joined_at FROM campaign_members WHERE learner_id = ${anonymousId}
		`),
		db.delete(campaignMembers).where(eq(campaignMembers.learnerId, anonymousId)),
		db.run(sql`
			INSERT OR IGNORE INTO checkins (session_id, learner_id, region_id, at)
			SELECT session_id, ${existing.id}, region_id, at FROM checkins WHERE learner_id = ${anonymousId}
		`),
		db.delete(checkins).where(eq(checkins.learnerId, anonymousId)),
		db.delete(learners).where(eq(learners.id, anonymousId)),
		// One person now: their reach counts once, from the earliest day on either device.
		...rebuildStatements(db, [existing.id, anonymousId])
	]);
	return 'merged';
}
