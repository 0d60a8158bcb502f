import { localName } from '$lib/content/vocabulary';
import { fail, redirect } from '@sveltejs/kit';
import { boundariesUrl } from '$lib/server/boundaries';
import { activeRegions, findRegion } from '$lib/server/db/regions';
import { placeOptions } from '$lib/server/places';
import { createLearner, setLearnerCookie } from '$lib/server/learner';
import { readProfileForm } from '$lib/server/learner/form';
import { safeNext } from '$lib/server/safe-next';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'), url.origin);
	if (locals.learner) redirect(303, next);
	const [regions, places] = await Promise.all([
		activeRegions(locals.db),
		placeOptions(locals.db, locals.locale)
	]);
	// Only a set with former districts (communes and wards) is chosen with the picker.
	const grouped = places.some((p) => p.group);
	return {
		next,
		regions: regions.map((r) => ({ id: r.id, name: localName(r, locals.locale) })),
		places: grouped ? places : undefined,
		boundariesUrl: (grouped && regions[0] && boundariesUrl(regions[0].setCode)) || undefined
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
