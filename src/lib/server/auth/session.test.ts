import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from '../db/schema';
import { testDatabase } from '../db/test-db.test-helper';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	sessionIdFromToken,
	sessionLifetime,
	validateSessionToken
} from './session';
import { createUser } from './users';

const day = 24 * 60 * 60 * 1000;
let database: Awaited<ReturnType<typeof testDatabase>>;
let userId: string;
beforeEach(async () => {
	database = await testDatabase();
	userId = (await createUser(database.db, { username: 'lan', password: 'a long enough password' }))!
		.id;
});
afterEach(() => database.cleanup());

describe('sessions (Lucia-style)', () => {
	it('makes random tokens and stores only their SHA-256', async () => {
		const token = generateSessionToken();
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		expect(generateSessionToken()).not.toBe(token);
		const session = await createSession(database.db, token, userId);
		expect(session.id).toBe(sessionIdFromToken(token));
		expect(session.id).not.toContain(token);
		const stored = await database.db.select().from(sessions);
		expect(stored.map((s) => s.id)).toEqual([session.id]);
	});

	it('validates a fresh session and returns its user without the password hash', async () => {
		const token = generateSessionToken();
		await createSession(database.db, token, userId);
		const { session, user } = await validateSessionToken(database.db, token);
		expect(session?.userId).toBe(userId);
		expect(user).toEqual({
			id: userId,
			username: 'lan',
			role: 'learner',
			organizationId: null,
			scope: null,
			twoFactor: false
		});
		expect(await validateSessionToken(database.db, 'not-a-token')).toEqual({
			session: null,
			user: null
		});
	});

	it('expires after 30 days and deletes the expired row', async () => {
		const token = generateSessionToken();
		const start = Date.now();
		await createSession(database.db, token, userId, start);
		expect(
			(await validateSessionToken(database.db, token, start + sessionLifetime - 1)).session
		).not.toBeNull();
		const t0 = start + 2 * sessionLifetime;
		expect(await validateSessionToken(database.db, token, t0)).toEqual({
			session: null,
			user: null
		});
		expect(await database.db.select().from(sessions)).toEqual([]);
	});

	it('slides: used in its second half, a session is renewed for a full 30 days', async () => {
		const token = generateSessionToken();
		const start = Date.now();
		await createSession(database.db, token, userId, start);
		const early = await validateSessionToken(database.db, token, start + 10 * day);
		expect(early.session?.expiresAt.getTime()).toBe(start + sessionLifetime);
		const late = await validateSessionToken(database.db, token, start + 20 * day);
		expect(late.session?.expiresAt.getTime()).toBe(start + 20 * day + sessionLifetime);
		const row = await database.db.query.sessions.findFirst({
			where: eq(sessions.id, sessionIdFromToken(token))
		});
		expect(row?.expiresAt.getTime()).toBe(start + 20 * day + sessionLifetime);
		expect(
			(await validateSessionToken(database.db, token, start + 45 * day)).session
		).not.toBeNull();
	});

	it('signs out one session, or every session of a user', async () => {
		const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
		const first = await createSession(database.db, a, userId);
		await createSession(database.db, b, userId);
		await createSession(database.db, c, userId);
		await invalidateSession(database.db, first.id);
		expect((await validateSessionToken(database.db, a)).session).toBeNull();
		expect((await validateSessionToken(database.db, b)).session).not.toBeNull();
		await invalidateUserSessions(database.db, userId);
		expect((await validateSessionToken(database.db, b)).session).toBeNull();
		expect((await validateSessionToken(database.db, c)).session).toBeNull();
	});
});
