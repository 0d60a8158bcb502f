import { requireProvinceAnalyst } from '$lib/server/auth/access';
import { baselineTemplate } from '$lib/server/baselines/csv';
import { baselineUnits, savedBaselines } from '$lib/server/baselines/store';
import { provinceDay } from '$lib/server/dates';
import type { RequestHandler } from './$types';

/** The baselines file to fill in: one row per area, with its latest figure and source. */
export const GET: RequestHandler = async (event) => {
	requireProvinceAnalyst(event);
	const { db, locale, t } = event.locals;
	const units = await baselineUnits(db, locale, t('dashboard.province'));
	const known = (await savedBaselines(db)).map((b) => ({
		key: b.area,
		year: b.year,
		users: b.internetUsers,
		source: b.source
	}));
	return new Response(baselineTemplate(units, known, locale), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="baselines-${provinceDay()}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
