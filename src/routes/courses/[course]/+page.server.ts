import { error } from '@sveltejs/kit';
import { findCourse } from '$lib/server/content';
import { lessonRow, progressOf } from '$lib/server/views/catalogue';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const course = findCourse(params.course);
	if (!course) error(404, locals.t('error.notFound'));
	const progress = await progressOf(locals.db, locals.learner?.id, course.slug);
	const lessons = course.lessons.map((lesson) => lessonRow(lesson, locals.locale, progress));
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
		lessons,
		nextLesson: lessons.find((l) => l.state === 'new') ?? null
	};
};
