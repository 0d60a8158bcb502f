/** What makes the reach figure evidence: learning held for review, and the periods whose report was issued. */
import {
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { learningEvents } from './learning';

export const holdReasons = ['burst-address', 'burst-unit', 'too-fast', 'no-opening'] as const;
export type HoldReason = (typeof holdReasons)[number];
export const holdStatuses = ['held', 'released', 'rejected'] as const;
export type HoldStatus = (typeof holdStatuses)[number];

/**
 * A group of learning held for review, for one reason: the learners made from one address in one
 * hour beyond what is plausible, a unit's new learners on one day far above its own history, or
 * lessons finished too fast. Held learning is not in the official figure; an analyst releases a group
 * (then it counts) or rejects it (then it never does), with a note, in the audit log.
 * `bucket` is the hour or day; `key` tells groups of one reason, area and bucket apart (for an address:
 * a keyed hash, never the address itself).
 */
export const holds = sqliteTable(
	'holds',
	{
		id: text('id').primaryKey(),
		reason: text('reason', { enum: holdReasons }).notNull(),
		area: text('area').notNull(),
		bucket: text('bucket').notNull(),
		key: text('key').notNull(),
		status: text('status', { enum: holdStatuses }).notNull().default('held'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		decidedBy: text('decided_by').references(() => users.id, { onDelete: 'set null' }),
		decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
		note: text('note')
	},
	(t) => [
		uniqueIndex('holds_group').on(t.reason, t.area, t.bucket, t.key),
		index('holds_status').on(t.status)
	]
);

/** Events held one by one (too fast, no opening): the group each belongs to. */
export const eventHolds = sqliteTable(
	'event_holds',
	{
		eventId: text('event_id')
			.notNull()
			.references(() => learningEvents.id, { onDelete: 'cascade' }),
		holdId: text('hold_id')
			.notNull()
			.references(() => holds.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.eventId, t.holdId] }), index('event_holds_hold').on(t.holdId)]
);

/**
 * A year whose report was issued: the figures as issued stay as they were (`issued`, the JSON that
 * `reach:figures` prints, as of 31 December). `lastRowid` is the last event the issued figures had
 * folded in: learning of that year in a later event, or released or vouched after `closedAt`, is late.
 */
export const periods = sqliteTable('periods', {
	year: integer('year').primaryKey(),
	closedAt: integer('closed_at', { mode: 'timestamp_ms' }).notNull(),
	closedBy: text('closed_by').references(() => users.id, { onDelete: 'set null' }),
	lastRowid: integer('last_rowid').notNull(),
	issued: text('issued').notNull()
});

export type Hold = typeof holds.$inferSelect;
export type Period = typeof periods.$inferSelect;
