import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { learners, regionSets } from '../db/schema';
import type { LearnerWithRegion } from './index';

/**
 * Whether to ask a learner, once, for today's commune or ward: they chose a unit of an earlier set
 * (one of the plan's 2022 districts) and the set in use is made of communes and wards.
 */
export async function shouldAskForPlace(db: Db, learner: LearnerWithRegion): Promise<boolean> {
	if (learner.placeAskedAt) return false;
	const active = await db.query.regionSets.findFirst({ where: eq(regionSets.active, true) });
	return !!active && active.level === 'commune' && learner.region.setCode !== active.code;
}

/** The learner answered (or chose "later"): they are not asked again. */
export async function markPlaceAsked(db: Db, learnerId: string, now = new Date()): Promise<void> {
	await db.update(learners).set({ placeAskedAt: now }).where(eq(learners.id, learnerId));
}
