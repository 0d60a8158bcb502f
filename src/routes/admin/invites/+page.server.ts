import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { fields, InviteForm } from '$lib/server/admin/forms';
import { audit } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/access';
import { provinceMoment } from '$lib/server/dates';
import { createInvite, invitesOf } from '$lib/server/auth/invites';
import { isScope, scopeChoices } from '$lib/server/areas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db, locale } = event.locals;
	const now = Date.now();
	return {
		scopes: await scopeChoices(db, locale),
		invites: (await invitesOf(db)).map((i) => ({
			id: i.id,
			role: i.role,
			state: i.usedAt ? 'used' : i.expiresAt.getTime() <= now ? 'expired' : 'valid',
			expires: provinceMoment(i.expiresAt, locale)
		}))
	};
};

export const actions: Actions = {
	/** Analysts: province-wide (no scope) or a former district's staff. Organizer invites live on each organization's page. */
	analyst: async (event) => {
		const admin = requireRole(event, 'admin');
		const { db, t } = event.locals;
		const parsed = v.safeParse(InviteForm, {
			...fields(await event.request.formData(), ['scope']),
			role: 'analyst'
		});
		if (!parsed.success || !(await isScope(db, parsed.output.scope || null))) {
			return fail(400, { message: t('admin.badInvite') });
		}
		const { token } = await createInvite(db, {
			role: 'analyst',
			scope: parsed.output.scope || null,
			createdBy: admin.id
		});
		await audit(db, admin, 'invite.created', parsed.output.scope || null, { role: 'analyst' });
		return { link: `${event.url.origin}/invite/${token}` };
	}
};
