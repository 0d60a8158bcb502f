import type { Cookies } from '@sveltejs/kit';
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { pendingSignIns, type PendingSignIn } from '../db/schema/index.ts';
import { cookieOptions } from '../cookies.ts';
import { generateSessionToken, sessionIdFromToken } from './session.ts';

/**
 * Between the password and the second step: a token of its own, in a cookie sent only to the sign-in
 * pages. It is not a session: nothing reads it but the code form, so it grants no access at all.
 */
export const pendingCookie = 'signin_pending';
export const pendingLifetime = 5 * 60_000;
const pendingOptions = (url: URL) => ({ ...cookieOptions(url), path: '/account/signin' });

export async function startPendingSignIn(
	db: Db,
	cookies: Cookies,
	url: URL,
	userId: string,
	next: string,
	now = Date.now()
): Promise<void> {
	const token = generateSessionToken();
	await db.delete(pendingSignIns).where(lt(pendingSignIns.expiresAt, new Date(now)));
	await db.insert(pendingSignIns).values({
		id: sessionIdFromToken(token),
		userId,
		next,
		expiresAt: new Date(now + pendingLifetime)
	});
	cookies.set(pendingCookie, token, { ...pendingOptions(url), maxAge: pendingLifetime / 1000 });
}

/** The sign-in this browser has halfway, if it has not expired. */
export async function findPendingSignIn(
	db: Db,
	token: string | undefined,
	now = Date.now()
): Promise<PendingSignIn | null> {
	if (!token) return null;
	const row = await db.query.pendingSignIns.findFirst({
		where: eq(pendingSignIns.id, sessionIdFromToken(token))
	});
	return row && row.expiresAt.getTime() > now ? row : null;
}

export async function endPendingSignIn(
	db: Db,
	cookies: Cookies,
	url: URL,
	id: string
): Promise<void> {
	await db.delete(pendingSignIns).where(eq(pendingSignIns.id, id));
	cookies.delete(pendingCookie, pendingOptions(url));
}
