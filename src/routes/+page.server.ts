import { getCatalogue } from '$lib/server/content';
import { shouldAskForPlace } from '$lib/server/learner/place';
import { courseCard, progressOf } from '$lib/server/views/catalogue';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const progress = await progressOf(locals.db, locals.learner?.id);
	return {
		courses: getCatalogue().courses.map((course) => courseCard(course, locals.locale, progress)),
		askPlace: !!locals.learner && (await shouldAskForPlace(locals.db, locals.learner))
	};
};
