import type { Locale } from '$lib/content/vocabulary';
import type { LessonInCourse } from '../content';

/**
 * A lesson's quiz as its page and its result page show it. The answer key and explanations ship with
 * the page, so that a saved quiz gives feedback offline. Acceptable for an awareness quiz (see
 * content/README.md): the server re-grades every submission from the content, and only its grade counts.
 */
export function quizView({ course, lesson, next }: LessonInCourse, locale: Locale) {
	return {
		course: { slug: course.slug, title: course.text[locale].title },
		lesson: { slug: lesson.slug, title: lesson.text[locale].title },
		next: next && { slug: next.slug, title: next.text[locale].title },
		passMark: lesson.quiz.passMark,
		questions: lesson.quiz.questions.map((q) => ({
			id: q.id,
			kind: q.kind,
			promptHtml: q.text[locale].promptHtml,
			options: q.optionIds.map((id, i) => ({ id, html: q.text[locale].optionsHtml[i] ?? '' })),
			rightOptions: q.correct,
			explanationHtml: q.text[locale].explanationHtml
		}))
	};
}

export type QuizView = ReturnType<typeof quizView>;
