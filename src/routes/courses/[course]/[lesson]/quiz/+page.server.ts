import { error, fail, redirect } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { localePath } from '$lib/i18n/paths';
import { findLesson } from '$lib/server/content';
import { quizAttempts } from '$lib/server/db/schema';
import { requireLearner } from '$lib/server/learner/guard';
import { recordFromForm } from '$lib/server/reach/form';
import { eventIdPattern } from '$lib/events/kinds';
import { storedGrade } from '$lib/server/reach/record';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const learner = requireLearner(locals, url);
	const found = findLesson(params.course, params.lesson);
	if (!found) error(404, locals.t('error.notFound'));
	const { course, lesson, next } = found;
	const locale = locals.locale;

	// Results are shown only to the learner who made the attempt, and only with their stored grade.
	const attemptId = url.searchParams.get('attempt');
	const attempt =
		attemptId && eventIdPattern.test(attemptId)
			? await locals.db.query.quizAttempts.findFirst({
					where: and(
						eq(quizAttempts.id, attemptId.toLowerCase()),
						eq(quizAttempts.learnerId, learner.id)
					)
				})
			: undefined;
	const grade =
		attempt && attempt.lessonSlug === lesson.slug ? await storedGrade(locals.db, attempt.id) : null;

	return {
		course: { slug: course.slug, title: course.text[locale].title },
		lesson: { slug: lesson.slug, title: lesson.text[locale].title },
		next: next && { slug: next.slug, title: next.text[locale].title },
		passMark: lesson.quiz.passMark,
		// The answer key and explanations ship with the page, so that a saved quiz gives feedback offline.
		// Acceptable for an awareness quiz (see content/README.md): the server re-grades every
		// submission from the content, and only its grade counts.
		questions: lesson.quiz.questions.map((q) => {
			const graded = grade?.questions.find((g) => g.id === q.id);
			return {
				id: q.id,
				kind: q.kind,
				promptHtml: q.text[locale].promptHtml,
				options: q.optionIds.map((id, i) => ({ id, html: q.text[locale].optionsHtml[i] ?? '' })),
				rightOptions: q.correct,
				explanationHtml: q.text[locale].explanationHtml,
				result: graded ? { chosen: graded.chosen, correct: graded.correct } : null
			};
		}),
		grade: grade && { score: grade.score, total: grade.total, passed: grade.passed },
		eventId: crypto.randomUUID()
	};
};

export const actions: Actions = {
	submit: async ({ params, locals, request, url }) => {
		const learner = requireLearner(locals, url);
		const form = await request.formData();
		const outcome = await recordFromForm(locals, learner, form, params, 'quiz_submitted');
		if (!outcome.ok) return fail(outcome.status, { message: outcome.message });
		redirect(
			303,
			localePath(
				locals.locale,
				`/courses/${params.course}/${params.lesson}/quiz?attempt=${outcome.id}`
			)
		);
	}
};
