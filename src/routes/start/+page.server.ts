import { error, fail, redirect } from '@sveltejs/kit';
import { activeRegionsAmong } from '$lib/server/db/regions';
import { minutesLeft } from '$lib/server/limits';
import { admitLearner } from '$lib/server/learner/admit';
import { placeChoices } from '$lib/server/places';
import { setLearnerCookie } from '$lib/server/learner';
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
	default: async ({ request, locals, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const next = safeNext(form.get('next'), url.origin);
		if (locals.learner) redirect(303, next);
		const profile = readProfileForm(form);
		// Only a unit of the set in use: an old district is for learners who chose it back then.
		const [region] = profile ? await activeRegionsAmong(locals.db, [profile.region]) : [];
		if (!profile || !region) {
			return fail(400, {
				message: locals.t('start.chooseDistrict'),
				region: profile?.region ?? ''
			});
		}
		const made = await admitLearner(locals.db, {
			regionId: region.id,
			ageBand: profile.ageBand,
			userId: locals.user?.id ?? null,
			address: getClientAddress()
		});
		if ('refused' in made) {
			return fail(429, {
				message: locals.t('start.tooMany', { minutes: minutesLeft(made.refused) }),
				region: region.id
			});
		}
		if (made.token) setLearnerCookie(cookies, url, made.token);
		redirect(303, next);
	}
};
