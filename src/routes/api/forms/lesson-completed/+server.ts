import { recordPostedForm } from '$lib/server/reach/form-endpoint';
import type { RequestHandler } from './$types';

/** "I've read it" without JavaScript: recorded, then on to the lesson's quiz. */
export const POST: RequestHandler = (event) =>
	recordPostedForm(event, 'lesson_completed', (lesson) => `${lesson}/quiz`);
