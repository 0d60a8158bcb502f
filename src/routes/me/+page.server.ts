import { localName } from '$lib/content/vocabulary';
import { fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { deleteSessionTokenCookie } from '$lib/server/auth/cookies';
import { getCatalogue } from '$lib/server/content';
import { findRegion } from '$lib/server/db/regions';
import { placeChoices } from '$lib/server/places';
import { users } from '$lib/server/db/schema';
import { deleteLearnerCookie, learnerDataSummary } from '$lib/server/learner';
import { moveLearner } from '$lib/server/learner/move';
import { eraseLearner } from '$lib/server/learner/erase';
import { readProfileForm } from '$lib/server/learner/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { learner, user, locale } = locals;
	const account = user && {
		username: user.username,
		role: user.role,
		canDelete: user.role === 'learner'
	};
	const courseTitles = Object.fromEntries(
		getCatalogue().courses.map((c) => [c.slug, c.text[locale].title])
	);
	if (!learner)
		return {
			learner: null,
			account,
			deleted: url.searchParams.has('deleted'),
			regions: [],
			courseTitles
		};
	return {
		deleted: false,
		account,
		courseTitles,
		...(await placeChoices(locals.db, locale, learner.region.districtCode)),
		learner: {
			region: learner.regionId,
			regionName: localName(learner.region, locale),
			ageBand: learner.ageBand ?? '',
			createdAt: new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
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
		const moved = await moveLearner(locals.db, locals.learner, region.id, profile.ageBand);
		if ('refused' in moved)
			return fail(429, { message: locals.t('me.tooManyMoves', { days: moved.days }) });
		return { saved: true };
	},
	/**
	 * Deletes the person's data: their learner identity (records stay only as anonymous counts) and, for a
	 * learner account, the account itself. Staff accounts are work accounts, removed by an admin.
	 */
	delete: async ({ request, locals, cookies, url }) => {
		const { learner, user, db } = locals;
		if (!learner && !user) redirect(303, '/me?deleted');
		const form = await request.formData();
		if (form.get('confirm') !== 'yes')
			return fail(400, { deleteMessage: locals.t('me.confirmNeeded') });
		if (learner) await eraseLearner(db, learner.id);
		if (user?.role === 'learner') {
			await db.delete(users).where(eq(users.id, user.id));
			deleteSessionTokenCookie(cookies, url);
		}
		deleteLearnerCookie(cookies, url);
		redirect(303, '/me?deleted');
	}
};
