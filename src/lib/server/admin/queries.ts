import { asc, count, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
	learners,
	learningEvents,
	organizations,
	regions,
	regionSets,
	users,
	userTotp
} from '../db/schema';

export async function overview(db: Db) {
	const [orgs] = await db.select({ n: count() }).from(organizations);
	const byRole = await db.select({ role: users.role, n: count() }).from(users).groupBy(users.role);
	const [active] = await db.select({ n: count() }).from(learners).where(isNull(learners.erasedAt));
	const [events] = await db.select({ n: count() }).from(learningEvents);
	return { organizations: orgs?.n ?? 0, byRole, learners: active?.n ?? 0, events: events?.n ?? 0 };
}

export function listOrganizations(db: Db) {
	return db
		.select({
			id: organizations.id,
			name: organizations.name,
			type: organizations.type,
			regionVi: regions.nameVi,
			regionEn: regions.nameEn
		})
		.from(organizations)
		.innerJoin(regions, eq(organizations.regionId, regions.id))
		.orderBy(asc(organizations.name));
}

export function listUsers(db: Db) {
	return db
		.select({
			id: users.id,
			username: users.username,
			role: users.role,
			organizationId: users.organizationId,
			organization: organizations.name,
			scope: users.scope,
			createdAt: users.createdAt,
			twoFactorSince: userTotp.confirmedAt
		})
		.from(users)
		.leftJoin(organizations, eq(users.organizationId, organizations.id))
		.leftJoin(userTotp, eq(userTotp.userId, users.id))
		.orderBy(desc(users.createdAt));
}

export function organizersOf(db: Db, organizationId: string) {
	return db
		.select({ id: users.id, username: users.username, createdAt: users.createdAt })
		.from(users)
		.where(eq(users.organizationId, organizationId))
		.orderBy(asc(users.username));
}

export function listRegionSets(db: Db) {
	return db.select().from(regionSets).orderBy(desc(regionSets.loadedAt));
}
