import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { EventKind } from '$lib/events/kinds';
import { localePath } from '$lib/i18n/paths';
import { findLesson } from '../content';
import { requireLearner } from '../learner/guard';
import { recordFromForm } from './form';

/**
 * A lesson's "done" or its quiz, posted without JavaScript from a page everyone shares (the page's
 * language is in the form's address, /en/api/forms/… for English). Needs the learner: without one,
 * a new visitor goes to /start and then back to the lesson. A refused form is an error page saying why.
 */
export async function recordPostedForm(
	event: RequestEvent,
	type: EventKind,
	next: (lessonPath: string, eventId: string) => string
): Promise<never> {
	const { locals, request, url } = event;
	const form = await request.formData().catch(() => null);
	const course = form?.get('course');
	const lesson = form?.get('lesson');
	const found =
		typeof course === 'string' && typeof lesson === 'string' && findLesson(course, lesson);
	if (!form || !found) error(404, locals.t('error.notFound'));
	const page = localePath(locals.locale, `/courses/${found.course.slug}/${found.lesson.slug}`);
	const learner = requireLearner(locals, new URL(page, url));
	const outcome = await recordFromForm(locals, learner, form, type);
	if (!outcome.ok) error(outcome.status, outcome.message);
	redirect(303, next(page, outcome.id));
}
