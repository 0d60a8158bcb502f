import { error, redirect } from '@sveltejs/kit';
import { localePath } from '$lib/i18n/paths';
import { findLesson } from '$lib/server/content';
import { quizView } from '$lib/server/views/quiz';
import type { PageServerLoad } from './$types';

/** The same for everyone: a result is graded on the device, or shown on the result page. */
export const load: PageServerLoad = ({ params, locals, url }) => {
	const found = findLesson(params.course, params.lesson);
	if (!found) error(404, locals.t('error.notFound'));
	// A result link from before results had a page of their own.
	const attempt = url.searchParams.get('attempt');
	if (attempt) {
		const path = `/courses/${params.course}/${params.lesson}/quiz/result`;
		redirect(303, `${localePath(locals.locale, path)}?attempt=${encodeURIComponent(attempt)}`);
	}
	return {
		...quizView(found, locals.locale),
		// The page's id: the server makes each learner's event id from it (see reach/form.ts).
		eventId: crypto.randomUUID()
	};
};
