import { sql } from 'drizzle-orm';
import {
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { organizationTypes, roles, type Role } from '../../content/vocabulary';
import { eventKinds } from '../../events/kinds';

export { organizationTypes, roles, type Role };

/** A set of areas learners choose from (the plan's 12 districts, or another set loaded as data). */
export const regionSets = sqliteTable('region_sets', {
	code: text('code').primaryKey(),
	nameVi: text('name_vi').notNull(),
	nameEn: text('name_en').notNull(),
	source: text('source').notNull(),
	active: integer('active', { mode: 'boolean' }).notNull().default(false),
	loadedAt: integer('loaded_at', { mode: 'timestamp_ms' }).notNull()
});

export const regions = sqliteTable(
	'regions',
	{
		/** `<set code>:<unit code>`, stable across reloads of the same set. */
		id: text('id').primaryKey(),
		setCode: text('set_code')
			.notNull()
			.references(() => regionSets.code),
		code: text('code').notNull(),
		nameVi: text('name_vi').notNull(),
		nameEn: text('name_en').notNull(),
		position: integer('position').notNull()
	},
	(t) => [uniqueIndex('regions_set_code').on(t.setCode, t.code)]
);

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
 * one organization; an analyst with a region sees only that district, without one the whole province.
 */
export const users = sqliteTable(
	'users',
	{
		id: text('id').primaryKey(),
		username: text('username').notNull(),
		passwordHash: text('password_hash').notNull(),
		role: text('role', { enum: roles }).notNull().default('learner'),
		organizationId: text('organization_id').references(() => organizations.id),
		regionId: text('region_id').references(() => regions.id),
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
	regionId: text('region_id').references(() => regions.id),
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

/**
 * A learner: no name, phone or e-mail. The id is the SHA-256 of the cookie token, or a random id once the
 * learner belongs to an account (the account's session then identifies them). `erasedAt` marks records
 * whose person asked to be deleted: the link to them is gone, the anonymous counts stay.
 */
export const learners = sqliteTable(
	'learners',
	{
		id: text('id').primaryKey(),
		regionId: text('region_id')
			.notNull()
			.references(() => regions.id),
		ageBand: text('age_band'),
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		consentedAt: integer('consented_at', { mode: 'timestamp_ms' }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		erasedAt: integer('erased_at', { mode: 'timestamp_ms' })
	},
	(t) => [uniqueIndex('learners_user').on(t.userId)]
);

/**
 * Raw learning events, append-only. `id` is generated by the client so that a resend is stored once.
 * The region is copied from the learner when the event is received, so a later change of district
 * does not move past reach.
 */
export const learningEvents = sqliteTable(
	'learning_events',
	{
		id: text('id').primaryKey(),
		learnerId: text('learner_id')
			.notNull()
			.references(() => learners.id, { onDelete: 'cascade' }),
		type: text('type', { enum: eventKinds }).notNull(),
		regionId: text('region_id')
			.notNull()
			.references(() => regions.id),
		courseSlug: text('course_slug').notNull(),
		lessonSlug: text('lesson_slug').notNull(),
		occurredAt: integer('occurred_at', { mode: 'timestamp_ms' }).notNull(),
		receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('learning_events_learner').on(t.learnerId),
		index('learning_events_region_type').on(t.regionId, t.type)
	]
);

/** One graded quiz submission; its id is the id of the `quiz_submitted` event. */
export const quizAttempts = sqliteTable(
	'quiz_attempts',
	{
		id: text('id')
			.primaryKey()
			.references(() => learningEvents.id, { onDelete: 'cascade' }),
		learnerId: text('learner_id')
			.notNull()
			.references(() => learners.id, { onDelete: 'cascade' }),
		courseSlug: text('course_slug').notNull(),
		lessonSlug: text('lesson_slug').notNull(),
		score: integer('score').notNull(),
		total: integer('total').notNull(),
		passed: integer('passed', { mode: 'boolean' }).notNull(),
		contentVersion: text('content_version').notNull(),
		occurredAt: integer('occurred_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('quiz_attempts_learner').on(t.learnerId)]
);

/** Per-question answers: which option ids were chosen, and whether that was right. */
export const quizAnswers = sqliteTable(
	'quiz_answers',
	{
		attemptId: text('attempt_id')
			.notNull()
			.references(() => quizAttempts.id, { onDelete: 'cascade' }),
		questionId: text('question_id').notNull(),
		chosen: text('chosen').notNull(),
		correct: integer('correct', { mode: 'boolean' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.attemptId, t.questionId] })]
);

/** Per-learner summary of each lesson, kept up to date with idempotent upserts. */
export const lessonProgress = sqliteTable(
	'lesson_progress',
	{
		learnerId: text('learner_id')
			.notNull()
			.references(() => learners.id, { onDelete: 'cascade' }),
		courseSlug: text('course_slug').notNull(),
		lessonSlug: text('lesson_slug').notNull(),
		completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
		bestScore: integer('best_score'),
		total: integer('total'),
		passedAt: integer('passed_at', { mode: 'timestamp_ms' }),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
			.notNull()
			.default(sql`(unixepoch() * 1000)`)
	},
	(t) => [primaryKey({ columns: [t.learnerId, t.courseSlug, t.lessonSlug] })]
);

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

export const reachKinds = ['reached', 'skilled'] as const;
export type ReachKind = (typeof reachKinds)[number];

/**
 * Rollup, level 1: for each learner, region, kind and breakdown (dim/value), the province day they first
 * counted. `dim` is 'all' (value ''), 'course', 'audience', 'age', 'campaign' or 'orgtype'.
 */
export const reachFirsts = sqliteTable(
	'reach_firsts',
	{
		learnerId: text('learner_id').notNull(),
		regionId: text('region_id').notNull(),
		kind: text('kind', { enum: reachKinds }).notNull(),
		dim: text('dim').notNull(),
		value: text('value').notNull(),
		firstDay: text('first_day').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.learnerId, t.regionId, t.kind, t.dim, t.value] }),
		index('reach_firsts_learner').on(t.learnerId)
	]
);

/**
 * Rollup, level 2: how many learners first counted in each month (YYYY-MM). Dashboards read only this;
 * it stays small (areas × breakdowns × months) however many events there are.
 */
export const reachMonthly = sqliteTable(
	'reach_monthly',
	{
		dim: text('dim').notNull(),
		regionId: text('region_id').notNull(),
		kind: text('kind', { enum: reachKinds }).notNull(),
		value: text('value').notNull(),
		month: text('month').notNull(),
		learners: integer('learners').notNull()
	},
	(t) => [primaryKey({ columns: [t.dim, t.regionId, t.kind, t.value, t.month] })]
);

/**
 * How far the background rollup step has got through learning_events (by rowid), which definition of
 * reach the rollups follow (`reach/definition.ts`), and a rebuild to a new one in progress: its target
 * version and the last learner id rebuilt so far.
 */
export const rollupState = sqliteTable('rollup_state', {
	id: integer('id').primaryKey(),
	lastRowid: integer('last_rowid').notNull(),
	// Rollups made before versions were stored follow definition 1.
	definitionVersion: integer('definition_version').notNull().default(1),
	rebuildVersion: integer('rebuild_version'),
	rebuildAfter: text('rebuild_after')
});

/** Which audiences each lesson is tagged for, copied from content/ at start-up so SQL can group by it. */
export const lessonTags = sqliteTable(
	'lesson_tags',
	{
		courseSlug: text('course_slug').notNull(),
		lessonSlug: text('lesson_slug').notNull(),
		audience: text('audience').notNull()
	},
	(t) => [primaryKey({ columns: [t.courseSlug, t.lessonSlug, t.audience] })]
);

/** Estimated Internet users per region and year: the denominator of reach %, entered with its source. */
export const baselines = sqliteTable(
	'baselines',
	{
		regionId: text('region_id')
			.notNull()
			.references(() => regions.id),
		year: integer('year').notNull(),
		internetUsers: integer('internet_users').notNull(),
		source: text('source').notNull(),
		isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
		enteredBy: text('entered_by').references(() => users.id, { onDelete: 'set null' }),
		enteredAt: integer('entered_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.regionId, t.year] })]
);

export type Campaign = typeof campaigns.$inferSelect;
export type InPersonSession = typeof inPersonSessions.$inferSelect;
export type RegionSet = typeof regionSets.$inferSelect;
export type Organization = typeof organizations.$inferSelect;
export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Invite = typeof invites.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type Region = typeof regions.$inferSelect;
export type Learner = typeof learners.$inferSelect;
export type LearningEvent = typeof learningEvents.$inferSelect;
export type NewLearningEvent = typeof learningEvents.$inferInsert;
export type QuizAttempt = typeof quizAttempts.$inferSelect;
export type QuizAnswer = typeof quizAnswers.$inferSelect;
export type LessonProgress = typeof lessonProgress.$inferSelect;
