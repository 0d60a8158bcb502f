import { recordPostedForm } from '$lib/server/reach/form-endpoint';
import type { RequestHandler } from './$types';

/** A quiz submitted without JavaScript: graded and recorded, then its result on a page of its own. */
export const POST: RequestHandler = (event) =>
	recordPostedForm(event, 'quiz_submitted', (lesson, id) => `${lesson}/quiz/result?attempt=${id}`);
