import { createHash, randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
	learners,
	learningEvents,
	quizAttempts,
	regions,
	type Learner,
	type Region
} from '../db/schema';
import type { AgeBand } from '$lib/content/vocabulary';

export const learnerCookie = 'learner';
/** Browsers cap cookie lifetimes at about 400 days. */
const cookieMaxAge = 60 * 60 * 24 * 400;

export type LearnerWithRegion = Learner & { region: Region };

/** The cookie holds a random token; the database keeps only its SHA-256, as sessions do. */
export function learnerIdFromToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function setLearnerCookie(cookies: Cookies, token: string): void {
	cookies.set(learnerCookie, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		maxAge: cookieMaxAge
	});
}

export async function findLearner(
	db: Db,
	token: string | undefined
): Promise<LearnerWithRegion | null> {
	if (!token || token.length > 100) return null;
	const row = await db
		.select()
		.from(learners)
		.innerJoin(regions, eq(learners.regionId, regions.id))
		.where(eq(learners.id, learnerIdFromToken(token)))
		.get();
	return row ? { ...row.learners, region: row.regions } : null;
}

export async function createLearner(
	db: Db,
	regionId: string,
	ageBand: AgeBand | null,
	now = new Date()
): Promise<{ token: string; id: string }> {
	const token = randomBytes(20).toString('base64url');
	const id = learnerIdFromToken(token);
	await db.insert(learners).values({ id, regionId, ageBand, consentedAt: now, createdAt: now });
	return { token, id };
}

export async function updateLearner(
	db: Db,
	id: string,
	regionId: string,
	ageBand: AgeBand | null
): Promise<void> {
	await db.update(learners).set({ regionId, ageBand }).where(eq(learners.id, id));
}

/** What the platform holds about one learner, for the "my data" page. */
export async function learnerDataSummary(db: Db, id: string) {
	const [events] = await db
		.select({ n: count() })
		.from(learningEvents)
		.where(eq(learningEvents.learnerId, id));
	const [attempts] = await db
		.select({ n: count() })
		.from(quizAttempts)
		.where(eq(quizAttempts.learnerId, id));
	return { events: events?.n ?? 0, attempts: attempts?.n ?? 0 };
}

/** Deletes the learner and, by cascade, every event, attempt, answer and progress row linked to them. */
export async function deleteLearner(db: Db, id: string): Promise<void> {
	await db.delete(learners).where(eq(learners.id, id));
}
