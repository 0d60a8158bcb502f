/** The reach rollups the dashboards read, their state, lesson tags and baselines. */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

/**
 * Reached and skilled make the figures; the others are the people shown beside them (held for review,
 * rejected) and the day each stopped being shown so (`reach/rollups.ts`).
 */
export const reachKinds = [
	'reached',
	'skilled',
	'held',
	'held_ended',
	'rejected',
	'rejected_ended'
] as const;
export type ReachKind = (typeof reachKinds)[number];

/**
 * Rollup, level 1: for each learner, area, kind and breakdown (dim/value), the province day they first
 * counted. `area` is an area key (`reach/areas.ts`): a unit's region id, `district:<code>` or
 * `province`. `dim` is 'all' (value ''), 'course', 'audience', 'age', 'campaign' or 'orgtype'.
 */
export const reachFirsts = sqliteTable(
	'reach_firsts',
	{
		learnerId: text('learner_id').notNull(),
		area: text('area').notNull(),
		kind: text('kind', { enum: reachKinds }).notNull(),
		dim: text('dim').notNull(),
		value: text('value').notNull(),
		firstDay: text('first_day').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.learnerId, t.area, t.kind, t.dim, t.value] }),
		index('reach_firsts_learner').on(t.learnerId),
		// Figures "up to the end of yesterday" take today's first-timers off the month: found by day.
		index('reach_firsts_day').on(t.firstDay)
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
		area: text('area').notNull(),
		kind: text('kind', { enum: reachKinds }).notNull(),
		value: text('value').notNull(),
		month: text('month').notNull(),
		learners: integer('learners').notNull()
	},
	(t) => [primaryKey({ columns: [t.dim, t.area, t.kind, t.value, t.month] })]
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

/**
 * Estimated Internet users per area (an area key: a unit, a former district or the province) and year:
 * the denominator of reach %, entered with its source.
 */
export const baselines = sqliteTable(
	'baselines',
	{
		area: text('area').notNull(),
		year: integer('year').notNull(),
		internetUsers: integer('internet_users').notNull(),
		source: text('source').notNull(),
		isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
		enteredBy: text('entered_by').references(() => users.id, { onDelete: 'set null' }),
		enteredAt: integer('entered_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.area, t.year] })]
);

export type Baseline = typeof baselines.$inferSelect;
