import { fail, redirect } from '@sveltejs/kit';
import type { AgeBand } from '$lib/content/vocabulary';
import { activeRegionsAmong } from '$lib/server/db/regions';
import { moveLearner } from '$lib/server/learner/move';
import { requireLearner } from '$lib/server/learner/guard';
import { markPlaceAsked } from '$lib/server/learner/place';
import { placeChoices } from '$lib/server/places';
import { safeNext } from '$lib/server/safe-next';
import type { Actions, PageServerLoad } from './$types';

/**
 * Asks a learner who chose a pre-2025 district for today's commune or ward, once and skippably: the
 * communes of their former district come first. Their past learning stays where it was counted.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const learner = requireLearner(locals, url);
	return {
		next: safeNext(url.searchParams.get('next'), url.origin),
		former: learner.region,
		...(await placeChoices(locals.db, locals.locale, learner.region.districtCode))
	};
};

export const actions: Actions = {
	choose: async ({ request, locals, url }) => {
		const learner = requireLearner(locals, url);
		const form = await request.formData();
		const next = safeNext(form.get('next'), url.origin);
		const id = form.get('region');
		const [region] =
			typeof id === 'string' ? await activeRegionsAmong(locals.db, [id]) : [undefined];
		if (!region) return fail(400, { message: locals.t('start.chooseDistrict') });
		const moved = await moveLearner(
			locals.db,
			learner,
			region.id,
			learner.ageBand as AgeBand | null
		);
		if ('refused' in moved)
			return fail(429, { message: locals.t('me.tooManyMoves', { days: moved.days }) });
		await markPlaceAsked(locals.db, learner.id);
		redirect(303, next);
	},
	later: async ({ request, locals, url }) => {
		const learner = requireLearner(locals, url);
		const next = safeNext((await request.formData()).get('next'), url.origin);
		await markPlaceAsked(locals.db, learner.id);
		redirect(303, next);
	}
};
