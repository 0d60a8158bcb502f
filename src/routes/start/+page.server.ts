import { localName } from '$lib/content/vocabulary';
import { fail, redirect } from '@sveltejs/kit';
import { activeRegions, findRegion } from '$lib/server/db/regions';
import { createLearner, setLearnerCookie } from '$lib/server/learner';
import { readProfileForm } from '$lib/server/learner/form';
import { safeNext } from '$lib/server/safe-next';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'), url.origin);
	if (locals.learner) redirect(303, next);
	const regions = await activeRegions(locals.db);
	return {
		next,
		regions: regions.map((r) => ({ id: r.id, name: localName(r, locals.locale) }))
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
