import { error, fail } from '@sveltejs/kit';
import { desc } from 'drizzle-orm';
import * as v from 'valibot';
import { audit } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/access';
import { baselineAreas } from '$lib/server/areas';
import { baselines } from '$lib/server/db/schema';
import { lineOfText } from '$lib/server/text';
import type { Actions, PageServerLoad } from './$types';

/** Baselines are the province's figures: entered by admins and province-level analysts only. */
function requireProvinceAnalyst(event: Parameters<PageServerLoad>[0]) {
	const user = requireRole(event, 'analyst', 'admin');
	if (user.scope) error(403, event.locals.t('error.forbidden'));
	return user;
}

const p = 'baseline.problem';
const BaselineForm = v.object({
	region: v.pipe(v.string(), v.minLength(1, `${p}.region`)),
	year: v.pipe(
		v.string(),
		v.regex(/^20\d\d$/, `${p}.year`),
		v.transform(Number),
		v.minValue(2019, `${p}.year`),
		v.maxValue(2035, `${p}.year`)
	),
	users: v.pipe(
		v.string(),
		v.regex(/^\d{1,8}$/, `${p}.users`),
		v.transform(Number),
		v.minValue(1, `${p}.users`)
	),
	source: lineOfText(3, 300, `${p}.source`),
	demo: v.optional(v.literal('yes'))
});

export const load: PageServerLoad = async (event) => {
	requireProvinceAnalyst(event);
	const { db, locale, t } = event.locals;
	const areas = await baselineAreas(db, locale, t('dashboard.province'));
	const rows = await db.select().from(baselines).orderBy(desc(baselines.year));
	const order = new Map(areas.map((a, i) => [a.value, i]));
	return {
		regions: areas.map((a) => ({ id: a.value, name: a.name })),
		baselines: rows
			.map((r) => ({
				area: r.area,
				year: r.year,
				users: r.internetUsers,
				source: r.source,
				isDemo: r.isDemo,
				name: areas.find((a) => a.value === r.area)?.name ?? r.area
			}))
			.sort((a, b) => b.year - a.year || (order.get(a.area) ?? 999) - (order.get(b.area) ?? 999))
	};
};

export const actions: Actions = {
	save: async (event) => {
		const user = requireProvinceAnalyst(event as Parameters<PageServerLoad>[0]);
		const form = await event.request.formData();
		const parsed = v.safeParse(
			BaselineForm,
			Object.fromEntries(
				['region', 'year', 'users', 'source', 'demo'].map((k) => [
					k,
					form.get(k)?.toString() ?? (k === 'demo' ? undefined : '')
				])
			)
		);
		const { db, t } = event.locals;
		if (!parsed.success) return fail(400, { message: t(parsed.issues[0].message) });
		const { region, year, users, source, demo } = parsed.output;
		const areas = await baselineAreas(db, event.locals.locale, t('dashboard.province'));
		if (!areas.some((a) => a.value === region))
			return fail(400, { message: t('baseline.problem.region') });
		const row = {
			area: region,
			year,
			internetUsers: users,
			source,
			isDemo: demo === 'yes',
			enteredBy: user.id,
			enteredAt: new Date()
		};
		await db
			.insert(baselines)
			.values(row)
			.onConflictDoUpdate({ target: [baselines.area, baselines.year], set: row });
		await audit(db, user, 'baseline.saved', region, { year, users, demo: row.isDemo });
		return { saved: true };
	}
};
