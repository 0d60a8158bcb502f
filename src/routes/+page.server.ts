import { getCatalogue } from '$lib/server/content';
import { courseCard } from '$lib/server/views/catalogue';
import type { PageServerLoad } from './$types';

/** The same for everyone: who is learning and how far they got comes from /api/me/progress. */
export const load: PageServerLoad = ({ locals }) => ({
	courses: getCatalogue().courses.map((course) => courseCard(course, locals.locale))
});
