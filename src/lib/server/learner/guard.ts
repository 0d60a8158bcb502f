import { redirect } from '@sveltejs/kit';
import type { LearnerWithRegion } from './index';

/** Learning pages need a district first; send a new visitor to /start and bring them back after. */
export function requireLearner(locals: App.Locals, url: URL): LearnerWithRegion {
	if (!locals.learner)
		redirect(303, `/start?next=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.learner;
}
