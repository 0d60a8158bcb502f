import { fail, redirect } from '@sveltejs/kit';
import { requireProvinceAnalyst } from '$lib/server/auth/access';
import { closeYear } from '$lib/server/dashboard/close';
import { closableYears, periodList } from '$lib/server/dashboard/periods-view';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireProvinceAnalyst(event);
	const { db, locale } = event.locals;
	const closed = await periodList(db, locale);
	const year = Number(event.url.searchParams.get('closed'));
	return {
		closed,
		closable: closableYears(closed.map((p) => p.year)),
		flash: closed.some((p) => p.year === year) ? year : null
	};
};

/** What each refusal answers: the year is not over or not a year (400), or it cannot be closed now. */
const refusals = { 'not-over': 400, closed: 409, rebuilding: 503, busy: 503 } as const;

export const actions: Actions = {
	/** Closes a year once its report is issued: asks for a confirmation first (a checkbox). */
	close: async (event) => {
		const user = requireProvinceAnalyst(event);
		const { db, t } = event.locals;
		const form = await event.request.formData();
		const raw = form.get('year');
		const year = typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : NaN;
		if (form.get('confirm') !== 'yes')
			return fail(400, { year: raw, error: t('periods.error.confirm') });
		const result = await closeYear(db, year, user, {
			province: t('dashboard.province'),
			unknownCommune: (district) => t('dashboard.unknownCommune', { district })
		});
		if ('refused' in result)
			return fail(refusals[result.refused], {
				year: raw,
				error: t(`periods.error.${result.refused}`)
			});
		redirect(303, `/dashboard/periods?closed=${year}`);
	}
};
