import { error, fail, redirect } from '@sveltejs/kit';
import { findRegion } from '$lib/server/db/regions';
import { placeChoices } from '$lib/server/places';
import { createLearner, setLearnerCookie } from '$lib/server/learner';
import { readProfileForm } from '$lib/server/learner/form';
import { safeNext } from '$lib/server/safe-next';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'), url.origin);
	if (locals.learner) redirect(303, next);
	const choices = await placeChoices(locals.db, locals.locale);
	if (!choices.regions.length) error(503, locals.t('start.noRegionSet'));
	// A poster for one commune (`/join/<code>?place=<unit code>`) chooses it already.
	const place = url.searchParams.get('place');
	return {
		next,
		...choices,
		region: choices.regions.find((r) => place && r.id.endsWith(`:${place}`))?.id ?? ''
	};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const form = await request.formData();
		const next = safeNext(form.get('next'), url.origin);
		if (locals.learner) redirect(303, next);
		const profile = readProfileForm(form);
		const region = profile && (await findRegion(locals.db, profile.region));
		if (!profile || !region) {
			return fail(400, {
				message: locals.t('start.chooseDistrict'),
				region: profile?.region ?? ''
			});
		}
		const { token } = await createLearner(
			locals.db,
			region.id,
			profile.ageBand,
			locals.user?.id ?? null
		);
		if (token) setLearnerCookie(cookies, url, token);
		redirect(303, next);
	}
};
