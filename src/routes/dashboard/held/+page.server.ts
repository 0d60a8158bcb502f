import { fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { formatCount } from '$lib/format';
import { requireProvinceAnalyst } from '$lib/server/auth/access';
import { asideAt } from '$lib/server/dashboard/rollups-at';
import { decisionForm, heldList } from '$lib/server/reach/held-view';
import { decideHold } from '$lib/server/reach/review';
import { catchUp } from '$lib/server/reach/step';
import { provinceDay } from '$lib/server/dates';
import { holds } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireProvinceAnalyst(event);
	const { db, locale } = event.locals;
	const today = provinceDay();
	const decided = event.url.searchParams.get('decided');
	// The totals as the dashboard shows them: from the rollups, brought up to date first.
	await catchUp(db);
	const { held, rejected } = await asideAt(db, today);
	return {
		groups: await heldList(db, locale),
		held: formatCount(held.get('province') ?? 0, locale),
		rejected: formatCount(rejected.get('province') ?? 0, locale),
		flash: decided === 'released' || decided === 'rejected' ? decided : null
	};
};

export const actions: Actions = {
	/** Releases (the group's learning counts) or rejects (it never does) a group, with a note. */
	decide: async (event) => {
		const user = requireProvinceAnalyst(event);
		const { db, t } = event.locals;
		const form = Object.fromEntries(await event.request.formData());
		const read = v.safeParse(decisionForm, form);
		const id = typeof form.id === 'string' ? form.id : '';
		const note = typeof form.note === 'string' ? form.note : '';
		if (!read.success) {
			return fail(400, { id, note, error: t(read.issues[0]!.message) });
		}
		const group = await db.query.holds.findFirst({ where: eq(holds.id, read.output.id) });
		if (!group) return fail(404, { id, note, error: t('held.error.gone') });
		if (group.status !== 'held') return fail(409, { id, note, error: t('held.error.decided') });
		const { decision, note: why } = read.output;
		if (!(await decideHold(db, group.id, decision, user, why)))
			return fail(409, { id, note, error: t('held.error.decided') });
		redirect(303, `/dashboard/held?decided=${decision}`);
	}
};
