import { localName } from '$lib/content/vocabulary';
import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { fields, InviteForm } from '$lib/server/admin/forms';
import { audit } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/access';
import { createInvite, invitesOf } from '$lib/server/auth/invites';
import { activeRegions, findRegion } from '$lib/server/db/regions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db, locale } = event.locals;
	const now = Date.now();
	return {
		regions: (await activeRegions(db)).map((r) => ({
			id: r.id,
			name: localName(r, locale)
		})),
		invites: (await invitesOf(db)).map((i) => ({
			id: i.id,
			role: i.role,
			state: i.usedAt ? 'used' : i.expiresAt.getTime() <= now ? 'expired' : 'valid',
			expires: i.expiresAt.toISOString().slice(0, 10)
		}))
	};
};

export const actions: Actions = {
	/** Analysts: province-wide (no district) or one district's staff. Organizer invites live on each organization's page. */
	analyst: async (event) => {
		const admin = requireRole(event, 'admin');
		const { db, t } = event.locals;
		const parsed = v.safeParse(InviteForm, {
			...fields(await event.request.formData(), ['region']),
			role: 'analyst'
		});
		if (
			!parsed.success ||
			(parsed.output.region && !(await findRegion(db, parsed.output.region)))
		) {
			return fail(400, { message: t('admin.badInvite') });
		}
		const { token } = await createInvite(db, {
			role: 'analyst',
			regionId: parsed.output.region || null,
			createdBy: admin.id
		});
		await audit(db, admin, 'invite.created', parsed.output.region || null, { role: 'analyst' });
		return { link: `${event.url.origin}/invite/${token}` };
	}
};
