import { and, eq } from 'drizzle-orm';
import type { Course, Lesson } from '$lib/content/types';
import type { CourseCard, LessonMark, LessonRow } from '$lib/content/views';
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

export function courseCard(course: Course, locale: Locale): CourseCard {
	const text = course.text[locale];
	return {
		slug: course.slug,
		title: text.title,
		summary: text.summary,
		minutes: course.minutes,
		audience: course.audience,
		lessonCount: course.lessons.length,
		lessons: course.lessons.map((l) => l.slug)
	};
}

export function lessonRow(lesson: Lesson, locale: Locale): LessonRow {
	return { slug: lesson.slug, title: lesson.text[locale].title, minutes: lesson.minutes };
}

export function lessonMark(p: LessonProgress): LessonMark {
	return {
		course: p.courseSlug,
		lesson: p.lessonSlug,
		state: p.passedAt ? 'passed' : p.completedAt ? 'read' : 'new',
		score: p.bestScore != null && p.total ? `${p.bestScore}/${p.total}` : null
	};
}
