import { createHash, randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { and, count, eq, isNull, ne } from 'drizzle-orm';
import type { AgeBand } from '$lib/content/vocabulary';
import { cookieOptions, longestCookieSeconds } from '../cookies';
import type { Db } from '../db/client';
import { rebuildStatements } from '../reach/rollups';
import {
	learners,
	learningEvents,
	quizAttempts,
	regions,
	type Learner,
	type Region
} from '../db/schema';

export const learnerCookie = 'learner';

export type LearnerWithRegion = Learner & { region: Region };

/** The cookie holds a random token; the database keeps only its SHA-256, as sessions do. */
export function learnerIdFromToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function setLearnerCookie(cookies: Cookies, url: URL, token: string): void {
	cookies.set(learnerCookie, token, cookieOptions(url, longestCookieSeconds));
}

export function deleteLearnerCookie(cookies: Cookies, url: URL): void {
	cookies.delete(learnerCookie, cookieOptions(url));
}

async function findWhere(db: Db, where: ReturnType<typeof eq>): Promise<LearnerWithRegion | null> {
	const row = await db
		.select()
		.from(learners)
		.innerJoin(regions, eq(learners.regionId, regions.id))
		.where(and(where, isNull(learners.erasedAt)))
		.get();
	return row ? { ...row.learners, region: row.regions } : null;
}

/** The anonymous learner whose token is in this browser's cookie (never one that belongs to an account). */
export async function findLearner(
	db: Db,
	token: string | undefined
): Promise<LearnerWithRegion | null> {
	if (!token || token.length > 100) return null;
	const learner = await findWhere(db, eq(learners.id, learnerIdFromToken(token)));
	return learner && !learner.userId ? learner : null;
}

export function findLearnerOfUser(db: Db, userId: string): Promise<LearnerWithRegion | null> {
	return findWhere(db, eq(learners.userId, userId));
}

/**
 * Creates a learner. Without an account the browser gets a token (to put in a cookie); with one, the
 * account's session identifies the learner and no token is made.
 */
export async function createLearner(
	db: Db,
	regionId: string,
	ageBand: AgeBand | null,
	userId: string | null = null,
	now = new Date(),
	holdId: string | null = null
): Promise<{ token: string | null; id: string }> {
	const token = userId ? null : randomBytes(20).toString('base64url');
	const id = token ? learnerIdFromToken(token) : crypto.randomUUID();
	await db
		.insert(learners)
		.values({ id, regionId, ageBand, userId, consentedAt: now, createdAt: now, holdId });
	return { token, id };
}

/** A new district applies from now on (past events keep theirs); a new age band regroups past reach. */
export async function updateLearner(
	db: Db,
	id: string,
	regionId: string,
	ageBand: AgeBand | null
): Promise<void> {
	await db.batch([
		db.update(learners).set({ regionId, ageBand }).where(eq(learners.id, id)),
		...rebuildStatements(db, [id])
	]);
}

/** What the platform holds about one learner, for the "my data" page. */
export async function learnerDataSummary(db: Db, id: string) {
	const [events] = await db
		.select({ n: count() })
		.from(learningEvents)
		.where(and(eq(learningEvents.learnerId, id), ne(learningEvents.type, 'lesson_opened')));
	const [opened] = await db
		.select({ n: count() })
		.from(learningEvents)
		.where(and(eq(learningEvents.learnerId, id), eq(learningEvents.type, 'lesson_opened')));
	const [attempts] = await db
		.select({ n: count() })
		.from(quizAttempts)
		.where(eq(quizAttempts.learnerId, id));
	return { events: events?.n ?? 0, attempts: attempts?.n ?? 0, opened: opened?.n ?? 0 };
}
