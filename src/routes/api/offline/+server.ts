import { json } from '@sveltejs/kit';
import { getCatalogue } from '$lib/server/content';
import { offlineCourses } from '$lib/server/content/offline';
import type { RequestHandler } from './$types';

/**
 * The list a device needs to keep courses offline and to notice when one changed. Public: it names
 * only pages anyone may open; the pages themselves still need the learner's district.
 */
export const GET: RequestHandler = () =>
	json({ courses: offlineCourses(getCatalogue()) }, { headers: { 'cache-control': 'no-cache' } });
