import { localName } from '$lib/content/vocabulary';
import { error, fail } from '@sveltejs/kit';
import { and, eq, isNull } from 'drizzle-orm';
import { organizersOf } from '$lib/server/admin/queries';
import { audit } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/access';
import { provinceMoment } from '$lib/server/dates';
import { createInvite, invitesOf } from '$lib/server/auth/invites';
import { invites, organizations, regions } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

async function organizationOr404(locals: App.Locals, id: string) {
	const organization = await locals.db.query.organizations.findFirst({
		where: eq(organizations.id, id)
	});
	if (!organization) error(404, locals.t('error.notFound'));
	return organization;
}

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db, locale } = event.locals;
	const organization = await organizationOr404(event.locals, event.params.id);
	const region = await db.query.regions.findFirst({ where: eq(regions.id, organization.regionId) });
	const now = Date.now();
	return {
		organization: {
			id: organization.id,
			name: organization.name,
			type: organization.type,
			region: region ? localName(region, locale) : ''
		},
		organizers: (await organizersOf(db, organization.id)).map((u) => ({ username: u.username })),
		invites: (await invitesOf(db, organization.id)).map((i) => ({
			id: i.id,
			state: i.usedAt ? 'used' : i.expiresAt.getTime() <= now ? 'expired' : 'valid',
			expires: provinceMoment(i.expiresAt, locale)
		}))
	};
};

export const actions: Actions = {
	invite: async (event) => {
		const admin = requireRole(event, 'admin');
		const organization = await organizationOr404(event.locals, event.params.id);
		const { token, invite } = await createInvite(event.locals.db, {
			role: 'organizer',
			organizationId: organization.id,
			createdBy: admin.id
		});
		await audit(event.locals.db, admin, 'invite.created', organization.id, {
			role: 'organizer',
			invite: invite.id.slice(0, 8)
		});
		return { link: `${event.url.origin}/invite/${token}` };
	},
	revoke: async (event) => {
		const admin = requireRole(event, 'admin');
		const organization = await organizationOr404(event.locals, event.params.id);
		const id = (await event.request.formData()).get('invite');
		if (typeof id !== 'string') return fail(400, { message: event.locals.t('admin.badInvite') });
		// An invite is revoked by expiring it now; used invites stay as a record.
		const revoked = await event.locals.db
			.update(invites)
			.set({ expiresAt: new Date() })
			.where(
				and(eq(invites.id, id), eq(invites.organizationId, organization.id), isNull(invites.usedAt))
			)
			.returning({ id: invites.id });
		if (!revoked.length) return fail(400, { message: event.locals.t('admin.badInvite') });
		await audit(event.locals.db, admin, 'invite.revoked', organization.id, {
			invite: id.slice(0, 8)
		});
		return { revoked: true };
	}
};
