import { error } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { eventIdPattern } from '$lib/events/kinds';
import { findLesson } from '$lib/server/content';
import { quizAttempts } from '$lib/server/db/schema';
import { requireLearner } from '$lib/server/learner/guard';
import { storedGrade } from '$lib/server/reach/record';
import { quizView } from '$lib/server/views/quiz';
import type { PageServerLoad } from './$types';

/**
 * The result of a quiz submitted without JavaScript: shown only to the learner who made the attempt,
 * only with its stored grade, and never kept by a cache (see security-headers.ts).
 */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const learner = requireLearner(locals, url);
	const found = findLesson(params.course, params.lesson);
	const attemptId = url.searchParams.get('attempt');
	const attempt =
		found && attemptId && eventIdPattern.test(attemptId)
			? await locals.db.query.quizAttempts.findFirst({
					where: and(
						eq(quizAttempts.id, attemptId.toLowerCase()),
						eq(quizAttempts.learnerId, learner.id)
					)
				})
			: undefined;
	if (!found || !attempt || attempt.lessonSlug !== found.lesson.slug)
		error(404, locals.t('error.notFound'));
	const grade = await storedGrade(locals.db, attempt.id);
	return {
		...quizView(found, locals.locale),
		grade: { score: grade.score, total: grade.total, passed: grade.passed },
		results: Object.fromEntries(
			grade.questions.map((g) => [g.id, { chosen: g.chosen, correct: g.correct }])
		)
	};
};
