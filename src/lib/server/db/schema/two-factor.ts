/** Two-step verification of staff accounts: TOTP secrets, recovery codes and sign-ins halfway. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

/** An account's authenticator: active once a code confirmed it (`confirmedAt`). */
export const userTotp = sqliteTable('user_totp', {
	userId: text('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	/** Sealed with AES-256-GCM under TOTP_KEY (src/lib/server/auth/secret-box.ts), never in clear. */
	secret: text('secret').notNull(),
	confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
	/** The last time step a code was accepted for: no code is accepted twice. */
	lastStep: integer('last_step'),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});

/** Single-use recovery codes, stored only as SHA-256 of 80 random bits. */
export const recoveryCodes = sqliteTable(
	'recovery_codes',
	{
		codeHash: text('code_hash').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		usedAt: integer('used_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('recovery_codes_user').on(t.userId)]
);

/**
 * A password accepted, the second step not yet: the id is the SHA-256 of a cookie token, as for
 * sessions. It grants nothing but the code form, and expires within minutes.
 */
export const pendingSignIns = sqliteTable(
	'pending_sign_ins',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** Where the person goes once signed in (already checked with safeNext). */
		next: text('next').notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('pending_sign_ins_user').on(t.userId)]
);

export type UserTotp = typeof userTotp.$inferSelect;
export type PendingSignIn = typeof pendingSignIns.$inferSelect;
