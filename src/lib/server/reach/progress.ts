import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';

/**
 * The one upsert of per-lesson summaries. `rows` selects (learner_id, course_slug, lesson_slug,
 * completed_at, best_score, total, passed_at, updated_at). Order-independent: events synced late or
 * twice, or a merge of two devices, give the same summary (earliest completion and pass, best score).
 */
export const upsertProgress = (db: Db, rows: SQL) =>
	db.run(sql`INSERT INTO lesson_progress (learner_id, course_slug, lesson_slug, completed_at, best_score, total, passed_at, updated_at)
		SELECT * FROM (${rows}) WHERE true
		ON CONFLICT (learner_id, course_slug, lesson_slug) DO UPDATE SET
			completed_at = coalesce(min(lesson_progress.completed_at, excluded.completed_at), lesson_progress.completed_at, excluded.completed_at),
			best_score = max(coalesce(lesson_progress.best_score, excluded.best_score), coalesce(excluded.best_score, lesson_progress.best_score)),
			total = coalesce(excluded.total, lesson_progress.total),
			passed_at = coalesce(min(lesson_progress.passed_at, excluded.passed_at), lesson_progress.passed_at, excluded.passed_at),
			updated_at = max(lesson_progress.updated_at, excluded.updated_at)`);
