import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
	pendingSignIns,
	sessions,
	users,
	userTotp,
	type Session,
	type User
} from '../db/schema/index.ts';

const day = 24 * 60 * 60 * 1000;
export const sessionLifetime = 30 * day;
/** A session used in its second half is renewed for a full lifetime (sliding expiry). */
const renewWhenLeft = 15 * day;
export const sessionCookie = 'session';

export type SessionUser = Pick<User, 'id' | 'username' | 'role' | 'organizationId' | 'scope'> & {
	/** Two-step verification is on (confirmed) for the account. */
	twoFactor: boolean;
};
export type SessionValidation =
	{ session: Session; user: SessionUser } | { session: null; user: null };

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	db: Db,
	token: string,
	userId: string,
	now = Date.now()
): Promise<Session> {
	const session: Session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(now + sessionLifetime)
	};
	await db.insert(sessions).values(session);
	return session;
}

export async function validateSessionToken(
	db: Db,
	token: string,
	now = Date.now()
): Promise<SessionValidation> {
	const id = sessionIdFromToken(token);
	const row = await db
		.select({
			session: sessions,
			user: {
				id: users.id,
				username: users.username,
				role: users.role,
				organizationId: users.organizationId,
				scope: users.scope
			},
			totpConfirmedAt: userTotp.confirmedAt
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.leftJoin(userTotp, eq(userTotp.userId, users.id))
		.where(eq(sessions.id, id))
		.get();
	if (!row) return { session: null, user: null };
	const { session } = row;
	const user = { ...row.user, twoFactor: row.totpConfirmedAt !== null };
	if (now >= session.expiresAt.getTime()) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return { session: null, user: null };
	}
	if (now >= session.expiresAt.getTime() - renewWhenLeft) {
		session.expiresAt = new Date(now + sessionLifetime);
		await db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
	}
	return { session, user };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Signs a user out everywhere, sign-ins halfway included: on password change and on request. */
export async function invalidateUserSessions(db: Db, userId: string): Promise<void> {
	await db.batch([
		db.delete(sessions).where(eq(sessions.userId, userId)),
		db.delete(pendingSignIns).where(eq(pendingSignIns.userId, userId))
	]);
}
