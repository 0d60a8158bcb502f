import { and, eq } from 'drizzle-orm';
import type { Course, Lesson } from '$lib/content/types';
import type { CourseCard, LessonRow } from '$lib/content/views';
import type { Locale } from '$lib/content/vocabulary';
import type { Db } from '../db/client';
import { lessonProgress, type LessonProgress } from '../db/schema';

export async function progressOf(
	db: Db,
	learnerId: string | undefined,
	courseSlug?: string
): Promise<LessonProgress[]> {
	if (!learnerId) return [];
	return db
		.select()
		.from(lessonProgress)
		.where(
			courseSlug
				? and(eq(lessonProgress.learnerId, learnerId), eq(lessonProgress.courseSlug, courseSlug))
				: eq(lessonProgress.learnerId, learnerId)
		);
}

export function courseCard(course: Course, locale: Locale, progress: LessonProgress[]): CourseCard {
	const text = course.text[locale];
	const slugs = new Set(course.lessons.map((l) => l.slug));
	return {
		slug: course.slug,
		title: text.title,
		summary: text.summary,
		minutes: course.minutes,
		audience: course.audience,
		lessonCount: course.lessons.length,
		completed: progress.filter(
			(p) => p.courseSlug === course.slug && slugs.has(p.lessonSlug) && p.completedAt
		).length
	};
}

export function lessonRow(lesson: Lesson, locale: Locale, progress: LessonProgress[]): LessonRow {
	const p = progress.find((row) => row.lessonSlug === lesson.slug);
	return {
		slug: lesson.slug,
		title: lesson.text[locale].title,
		minutes: lesson.minutes,
		state: p?.passedAt ? 'passed' : p?.completedAt ? 'read' : 'new',
		score: p?.bestScore != null && p.total ? `${p.bestScore}/${p.total}` : null
	};
}
