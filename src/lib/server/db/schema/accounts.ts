/** Organizations, accounts and their sessions, invitations, the audit log and rate-limit counters. */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { regions } from './places';
import { organizationTypes, roles } from '../../../content/vocabulary';

/** A school, mass organization, agency or enterprise that runs campaigns; created by an admin only. */
export const organizations = sqliteTable('organizations', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	type: text('type', { enum: organizationTypes }).notNull(),
	regionId: text('region_id')
		.notNull()
		.references(() => regions.id),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});

/**
 * An account. The sign-in name need not be an e-mail address (data minimisation). Organizers belong to
 * one organization; an analyst with a scope (an area key: `district:<GSO code>`, a former district and
 * its communes) sees only that area, without one the whole province.
 */
export const users = sqliteTable(
	'users',
	{
		id: text('id').primaryKey(),
		username: text('username').notNull(),
		passwordHash: text('password_hash').notNull(),
		role: text('role', { enum: roles }).notNull().default('learner'),
		organizationId: text('organization_id').references(() => organizations.id),
		scope: text('scope'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [uniqueIndex('users_username').on(t.username)]
);

/** Lucia-style sessions: the id is the SHA-256 of the cookie token, never the token itself. */
export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('sessions_user').on(t.userId)]
);

/** Single-use, expiring invitations to become an organizer (of one organization) or an analyst. */
export const invites = sqliteTable('invites', {
	id: text('id').primaryKey(),
	role: text('role', { enum: ['organizer', 'analyst'] }).notNull(),
	organizationId: text('organization_id').references(() => organizations.id),
	/** The analyst's scope, as on `users`. */
	scope: text('scope'),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
	usedAt: integer('used_at', { mode: 'timestamp_ms' }),
	usedBy: text('used_by').references(() => users.id, { onDelete: 'set null' })
});

/** Who did what, when: admin and organizer actions. */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
		actorName: text('actor_name').notNull(),
		action: text('action').notNull(),
		target: text('target'),
		detail: text('detail'),
		at: integer('at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('audit_log_at').on(t.at)]
);

/** Fixed-window counters shared by every app instance (sign-in, sign-up, join codes). */
export const rateLimits = sqliteTable('rate_limits', {
	key: text('key').primaryKey(),
	windowStart: integer('window_start').notNull(),
	count: integer('count').notNull()
});

export type Organization = typeof organizations.$inferSelect;
export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Invite = typeof invites.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
