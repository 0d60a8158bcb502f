import { fail, redirect } from '@sveltejs/kit';
import { activeRegions, findRegion } from '$lib/server/db/regions';
import {
	deleteLearner,
	learnerCookie,
	learnerDataSummary,
	updateLearner
} from '$lib/server/learner';
import { readProfileForm } from '$lib/server/learner/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const learner = locals.learner;
	if (!learner) return { learner: null, deleted: url.searchParams.has('deleted'), regions: [] };
	const regions = await activeRegions(locals.db);
	const name = (r: { nameVi: string; nameEn: string }) =>
		locals.locale === 'vi' ? r.nameVi : r.nameEn;
	return {
		deleted: false,
		regions: regions.map((r) => ({ id: r.id, name: name(r) })),
		learner: {
			region: learner.regionId,
			regionName: name(learner.region),
			ageBand: learner.ageBand ?? '',
			createdAt: new Intl.DateTimeFormat(locals.locale === 'vi' ? 'vi-VN' : 'en-GB', {
				dateStyle: 'long'
			}).format(learner.createdAt),
			...(await learnerDataSummary(locals.db, learner.id))
		}
	};
};

export const actions: Actions = {
	profile: async ({ request, locals }) => {
		if (!locals.learner) redirect(303, '/start?next=/me');
		const profile = readProfileForm(await request.formData());
		const region = profile && (await findRegion(locals.db, profile.region));
		if (!profile || !region) return fail(400, { message: locals.t('start.chooseDistrict') });
		await updateLearner(locals.db, locals.learner.id, region.id, profile.ageBand);
		return { saved: true };
	},
	delete: async ({ request, locals, cookies }) => {
		if (!locals.learner) redirect(303, '/me?deleted');
		const form = await request.formData();
		if (form.get('confirm') !== 'yes')
			return fail(400, { deleteMessage: locals.t('me.confirmNeeded') });
		await deleteLearner(locals.db, locals.learner.id);
		cookies.delete(learnerCookie, { path: '/' });
		redirect(303, '/me?deleted');
	}
};
