import { redirect } from '@sveltejs/kit';
import { localePath } from '$lib/i18n/paths';
import type { LearnerWithRegion } from './index';

/** Learning pages need a district first; send a new visitor to /start and bring them back after. */
export function requireLearner(locals: App.Locals, url: URL): LearnerWithRegion {
	if (!locals.learner)
		redirect(
			303,
			localePath(locals.locale, `/start?next=${encodeURIComponent(url.pathname + url.search)}`)
		);
	return locals.learner;
}
