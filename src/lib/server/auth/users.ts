import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users, type Role, type User } from '../db/schema/index.ts';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './password.ts';

/** Sign-in names: 3–40 of a-z, 0-9, dot, dash, underscore, @; case-insensitive. No e-mail is required. */
export const usernamePattern = /^[a-z0-9._@-]{3,40}$/;

export function normalizeUsername(input: string): string {
	return input.trim().toLowerCase();
}

export async function findUserByUsername(db: Db, username: string): Promise<User | undefined> {
	return db.query.users.findFirst({ where: eq(users.username, normalizeUsername(username)) });
}

export interface NewUser {
	username: string;
	password: string;
	role?: Role;
	organizationId?: string | null;
	scope?: string | null;
}

/** Creates an account; returns null when the name is taken (the unique index decides, not a race). */
export async function createUser(db: Db, input: NewUser, now = new Date()): Promise<User | null> {
	const user: User = {
		id: crypto.randomUUID(),
		username: normalizeUsername(input.username),
		passwordHash: await hashPassword(input.password),
		role: input.role ?? 'learner',
		organizationId: input.organizationId ?? null,
		scope: input.scope ?? null,
		createdAt: now
	};
	const inserted = await db
		.insert(users)
		.values(user)
		.onConflictDoNothing()
		.returning({ id: users.id });
	return inserted.length ? user : null;
}

/** The user when the password matches; the same work and the same answer for an unknown name. */
export async function checkCredentials(
	db: Db,
	username: string,
	password: string
): Promise<User | null> {
	const user = await findUserByUsername(db, username);
	if (!user) return verifyAgainstDecoy(password).then(() => null);
	return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
	await db
		.update(users)
		.set({ passwordHash: await hashPassword(password) })
		.where(eq(users.id, userId));
}
