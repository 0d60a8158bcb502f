import { error } from '@sveltejs/kit';
import { findLesson } from '$lib/server/content';
import type { PageServerLoad } from './$types';

/** The same for everyone, learner or not: reading needs no place (it is asked for at the first "done"). */
export const load: PageServerLoad = ({ params, locals }) => {
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
		// The page's id: the server makes each learner's event id from it (see reach/form.ts).
		eventId: crypto.randomUUID()
	};
};
