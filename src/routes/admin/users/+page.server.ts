import { fail } from '@sveltejs/kit';
import { count, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { fields, RoleForm } from '$lib/server/admin/forms';
import { listOrganizations, listUsers } from '$lib/server/admin/queries';
import { audit } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/access';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { removeTwoFactor } from '$lib/server/auth/two-factor';
import { isScope, scopeChoices } from '$lib/server/areas';
import { organizations, users } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db, locale } = event.locals;
	return {
		users: (await listUsers(db)).map(({ twoFactorSince, ...u }) => ({
			...u,
			twoFactor: twoFactorSince !== null,
			createdAt: u.createdAt.toISOString().slice(0, 10)
		})),
		self: event.locals.user?.id,
		organizations: (await listOrganizations(db)).map((o) => ({ id: o.id, name: o.name })),
		scopes: await scopeChoices(db, locale)
	};
};

export const actions: Actions = {
	/** Changes a role; the user's sessions end so the new rights apply from their next sign-in. */
	setRole: async (event) => {
		const admin = requireRole(event, 'admin');
		const { db, t } = event.locals;
		const parsed = v.safeParse(
			RoleForm,
			fields(await event.request.formData(), ['user', 'role', 'organization', 'scope'])
		);
		if (!parsed.success) return fail(400, { message: t('admin.badRole') });
		const { user: userId, role, organization, scope } = parsed.output;
		const target = await db.query.users.findFirst({ where: eq(users.id, userId) });
		if (!target) return fail(400, { message: t('admin.badRole') });
		if (
			role === 'organizer' &&
			!(
				organization &&
				(await db.query.organizations.findFirst({ where: eq(organizations.id, organization) }))
			)
		) {
			return fail(400, { message: t('admin.organizerNeedsOrg') });
		}
		if (!(await isScope(db, scope || null))) return fail(400, { message: t('admin.badRole') });
		if (target.role === 'admin' && role !== 'admin') {
			const [admins] = await db.select({ n: count() }).from(users).where(eq(users.role, 'admin'));
			if ((admins?.n ?? 0) <= 1) return fail(400, { message: t('admin.lastAdmin') });
		}
		await db
			.update(users)
			.set({
				role,
				organizationId: role === 'organizer' ? organization : null,
				scope: role === 'analyst' && scope ? scope : null
			})
			.where(eq(users.id, userId));
		await invalidateUserSessions(db, userId);
		await audit(db, admin, 'user.role-changed', userId, {
			username: target.username,
			from: target.role,
			to: role
		});
		return { changed: target.username };
	},
	/**
	 * Another admin's way back in when an account lost its authenticator and its recovery codes: the
	 * secret and codes are removed and every session ends, so an admin or analyst must enrol again at
	 * their next sign-in. Nobody resets their own (that would skip the second factor).
	 */
	resetTwoFactor: async (event) => {
		const admin = requireRole(event, 'admin');
		const { db, t } = event.locals;
		const userId = (await event.request.formData()).get('user');
		const target =
			typeof userId === 'string'
				? await db.query.users.findFirst({ where: eq(users.id, userId) })
				: undefined;
		if (!target) return fail(400, { message: t('admin.badRole') });
		if (target.id === admin.id) return fail(400, { message: t('twoFactor.cannotResetOwn') });
		await removeTwoFactor(db, target.id);
		await invalidateUserSessions(db, target.id);
		await audit(db, admin, 'two-factor.reset', target.id, { username: target.username });
		return { reset: target.username };
	}
};
