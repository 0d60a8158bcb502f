import { error, fail, redirect } from '@sveltejs/kit';
import { localePath } from '$lib/i18n/paths';
import { findLesson } from '$lib/server/content';
import { requireLearner } from '$lib/server/learner/guard';
import { recordFromForm } from '$lib/server/reach/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals, url }) => {
	requireLearner(locals, url);
	const found = findLesson(params.course, params.lesson);
	if (!found) error(404, locals.t('error.notFound'));
	const { course, lesson, index, previous } = found;
	return {
		course: {
			slug: course.slug,
			title: course.text[locals.locale].title,
			lessonCount: course.lessons.length
		},
		lesson: {
			slug: lesson.slug,
			number: index + 1,
			minutes: lesson.minutes,
			...lesson.text[locals.locale]
		},
		previous: previous && { slug: previous.slug, title: previous.text[locals.locale].title },
		// A fresh id per page view: a resend of this form is stored once.
		eventId: crypto.randomUUID()
	};
};

export const actions: Actions = {
	complete: async ({ params, locals, request, url }) => {
		const learner = requireLearner(locals, url);
		const form = await request.formData();
		const outcome = await recordFromForm(locals, learner, form, params, 'lesson_completed');
		if (!outcome.ok) return fail(outcome.status, { message: outcome.message });
		redirect(303, localePath(locals.locale, `/courses/${params.course}/${params.lesson}/quiz`));
	}
};
