import { error } from '@sveltejs/kit';
import { findCourse } from '$lib/server/content';
import { lessonRow } from '$lib/server/views/catalogue';
import type { PageServerLoad } from './$types';

/** The same for everyone: each lesson's state ("read", the best score) comes from /api/me/progress. */
export const load: PageServerLoad = ({ params, locals }) => {
	const course = findCourse(params.course);
	if (!course) error(404, locals.t('error.notFound'));
	const text = course.text[locals.locale];
	return {
		course: {
			slug: course.slug,
			title: text.title,
			summary: text.summary,
			introHtml: text.introHtml,
			minutes: course.minutes,
			audience: course.audience
		},
		lessons: course.lessons.map((lesson) => lessonRow(lesson, locals.locale))
	};
};
