import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db/client';
import type { Role } from '../db/schema';
import { deleteLearnerCookie, findLearner, learnerCookie } from '../learner';
import { mergeIntoAccount } from '../learner/merge';
import { setSessionTokenCookie } from './cookies';
import { createSession, generateSessionToken } from './session';

/** Starts a session and brings this browser's anonymous learning into the account. */
export async function startSession(
	db: Db,
	cookies: Cookies,
	url: URL,
	userId: string
): Promise<void> {
	const token = generateSessionToken();
	const session = await createSession(db, token, userId);
	setSessionTokenCookie(cookies, url, token, session.expiresAt);
	const anonymous = await findLearner(db, cookies.get(learnerCookie));
	if (anonymous) await mergeIntoAccount(db, anonymous.id, userId);
	deleteLearnerCookie(cookies, url);
}

/** Where each role starts after signing in. */
export function homeOf(role: Role): string {
	return { learner: '/', organizer: '/organize', analyst: '/dashboard', admin: '/admin' }[role];
}
