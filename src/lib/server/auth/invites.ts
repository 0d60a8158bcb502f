import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { invites, organizations, type Invite } from '../db/schema';
import { generateSessionToken, sessionIdFromToken } from './session';

export const inviteLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export interface NewInvite {
	role: 'organizer' | 'analyst';
	organizationId?: string | null;
	/** An analyst's area: `district:<code>`, or none for the whole province. */
	scope?: string | null;
	createdBy: string;
}

/** Creates an invite and returns its token: only the hash is stored, so the link is shown once. */
export async function createInvite(
	db: Db,
	input: NewInvite,
	now = Date.now()
): Promise<{ token: string; invite: Invite }> {
	const token = generateSessionToken();
	const invite: Invite = {
		id: sessionIdFromToken(token),
		role: input.role,
		organizationId: input.organizationId ?? null,
		scope: input.scope ?? null,
		createdBy: input.createdBy,
		createdAt: new Date(now),
		expiresAt: new Date(now + inviteLifetimeMs),
		usedAt: null,
		usedBy: null
	};
	await db.insert(invites).values(invite);
	return { token, invite };
}

export type InviteState = 'valid' | 'used' | 'expired' | 'unknown';

export async function findInvite(db: Db, token: string, now = Date.now()) {
	if (!/^[a-z2-7]{20,64}$/.test(token))
		return { state: 'unknown' as const, invite: null, organization: null };
	const invite = await db.query.invites.findFirst({
		where: eq(invites.id, sessionIdFromToken(token))
	});
	if (!invite) return { state: 'unknown' as const, invite: null, organization: null };
	const organization = invite.organizationId
		? ((await db.query.organizations.findFirst({
				where: eq(organizations.id, invite.organizationId)
			})) ?? null)
		: null;
	const state: InviteState = invite.usedAt
		? 'used'
		: invite.expiresAt.getTime() <= now
			? 'expired'
			: 'valid';
	return { state, invite, organization };
}

/** Marks an invite used by `userId` if, at this instant, it is still unused and unexpired (atomic). */
export async function claimInvite(
	db: Db,
	inviteId: string,
	userId: string | null,
	now = Date.now()
): Promise<boolean> {
	const claimed = await db
		.update(invites)
		.set({ usedAt: new Date(now), usedBy: userId })
		.where(
			and(eq(invites.id, inviteId), isNull(invites.usedAt), gt(invites.expiresAt, new Date(now)))
		)
		.returning({ id: invites.id });
	return claimed.length === 1;
}

export function invitesOf(db: Db, organizationId?: string) {
	return db
		.select()
		.from(invites)
		.where(organizationId ? eq(invites.organizationId, organizationId) : undefined)
		.orderBy(desc(invites.createdAt));
}
