import { json } from '@sveltejs/kit';
import type { MeView } from '$lib/content/views';
import { localName } from '$lib/content/vocabulary';
import { shouldAskForPlace } from '$lib/server/learner/place';
import { lessonMark, progressOf } from '$lib/server/views/catalogue';
import type { RequestHandler } from './$types';

/**
 * What is personal on the pages everyone shares (home, course, lesson and quiz pages), which the page
 * asks for once it has loaded: who is learning here, where, and how far they got (`?course=` for one
 * course). Never kept by a cache; without a learner, an empty answer rather than an error.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { db, learner, locale, user } = locals;
	const course = url.searchParams.get('course') ?? undefined;
	const rows = await progressOf(db, learner?.id, course);
	const body: MeView = {
		learner: learner && {
			regionName: localName(learner.region, locale),
			askPlace: await shouldAskForPlace(db, learner)
		},
		user: user && { role: user.role },
		progress: rows.map(lessonMark)
	};
	return json(body, { headers: { 'cache-control': 'private, no-store' } });
};
