/** Campaigns, who joined them, which events count for them, and in-person sessions with their check-ins. */
import {
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { organizations, users } from './accounts';
import { learners, learningEvents } from './learning';
import { regions } from './places';

export const campaignStatuses = ['active', 'paused', 'closed'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/** A school's or mass organization's drive to bring its members into chosen courses. */
export const campaigns = sqliteTable(
	'campaigns',
	{
		id: text('id').primaryKey(),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id),
		title: text('title').notNull(),
		/** Short, unguessable code in the join link and on the poster. */
		joinCode: text('join_code').notNull(),
		audience: text('audience'),
		targetSize: integer('target_size').notNull(),
		/** Calendar days in the province (YYYY-MM-DD), both included. */
		startsOn: text('starts_on').notNull(),
		endsOn: text('ends_on').notNull(),
		status: text('status', { enum: campaignStatuses }).notNull().default('active'),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		uniqueIndex('campaigns_join_code').on(t.joinCode),
		index('campaigns_org').on(t.organizationId)
	]
);

export const campaignCourses = sqliteTable(
	'campaign_courses',
	{
		campaignId: text('campaign_id')
			.notNull()
			.references(() => campaigns.id, { onDelete: 'cascade' }),
		courseSlug: text('course_slug').notNull(),
		position: integer('position').notNull()
	},
	(t) => [primaryKey({ columns: [t.campaignId, t.courseSlug] })]
);

export const campaignRegions = sqliteTable(
	'campaign_regions',
	{
		campaignId: text('campaign_id')
			.notNull()
			.references(() => campaigns.id, { onDelete: 'cascade' }),
		regionId: text('region_id')
			.notNull()
			.references(() => regions.id)
	},
	(t) => [primaryKey({ columns: [t.campaignId, t.regionId] })]
);

/** Learners who opened a campaign's link. A learner may be in several campaigns. */
export const campaignMembers = sqliteTable(
	'campaign_members',
	{
		campaignId: text('campaign_id')
			.notNull()
			.references(() => campaigns.id, { onDelete: 'cascade' }),
		learnerId: text('learner_id')
			.notNull()
			.references(() => learners.id, { onDelete: 'cascade' }),
		joinedAt: integer('joined_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.campaignId, t.learnerId] }),
		index('campaign_members_learner').on(t.learnerId)
	]
);

/** Which campaigns each learning event counts for, decided when the event is recorded. */
export const eventCampaigns = sqliteTable(
	'event_campaigns',
	{
		eventId: text('event_id')
			.notNull()
			.references(() => learningEvents.id, { onDelete: 'cascade' }),
		campaignId: text('campaign_id')
			.notNull()
			.references(() => campaigns.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.eventId, t.campaignId] }),
		index('event_campaigns_campaign').on(t.campaignId)
	]
);

/**
 * An in-person awareness session (a talk in a school hall, a commune meeting). Attendance typed by the
 * organizer is self-reported; attendees who scan the session's QR code are verified check-ins. The two
 * are stored apart and never added together.
 */
export const inPersonSessions = sqliteTable(
	'in_person_sessions',
	{
		id: text('id').primaryKey(),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organizations.id),
		campaignId: text('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
		heldOn: text('held_on').notNull(),
		place: text('place').notNull(),
		regionId: text('region_id')
			.notNull()
			.references(() => regions.id),
		topic: text('topic').notNull(),
		selfReported: integer('self_reported'),
		/** People the place holds, as stated (1–5,000); the default only lets SQLite add the column. */
		capacity: integer('capacity').notNull().default(0),
		checkinCode: text('checkin_code').notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		uniqueIndex('in_person_sessions_checkin').on(t.checkinCode),
		index('in_person_sessions_org').on(t.organizationId)
	]
);

export const checkins = sqliteTable(
	'checkins',
	{
		sessionId: text('session_id')
			.notNull()
			.references(() => inPersonSessions.id, { onDelete: 'cascade' }),
		learnerId: text('learner_id')
			.notNull()
			.references(() => learners.id, { onDelete: 'cascade' }),
		regionId: text('region_id')
			.notNull()
			.references(() => regions.id),
		at: integer('at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.sessionId, t.learnerId] })]
);

/**
 * Each rate as last published (privacy.ts): `key` names the campaign and measure (e.g.
 * `campaign:<id>:pass`), `value` is the rounded percent shown (null: withheld), `people` how many stood
 * behind it then. A rate changes only once 10 more people stand behind it.
 */
export const publishedRates = sqliteTable('published_rates', {
	key: text('key').primaryKey(),
	value: integer('value'),
	people: integer('people').notNull(),
	at: integer('at', { mode: 'timestamp_ms' }).notNull()
});

export type Campaign = typeof campaigns.$inferSelect;
export type InPersonSession = typeof inPersonSessions.$inferSelect;
