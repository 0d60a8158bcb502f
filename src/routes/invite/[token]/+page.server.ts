import { error, fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { audit } from '$lib/server/audit';
import { readNewCredentials } from '$lib/server/auth/forms';
import { claimInvite, findInvite } from '$lib/server/auth/invites';
import { twoFactorPage, twoFactorRequired } from '$lib/server/auth/access';
import { homeOf, startSession } from '$lib/server/auth/sign-in';
import { createUser, findUserByUsername } from '$lib/server/auth/users';
import { invites, users } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

async function validInvite(locals: App.Locals, token: string) {
	const found = await findInvite(locals.db, token);
	if (found.state === 'unknown') error(404, locals.t('invite.unknown'));
	if (found.state !== 'valid')
		error(410, locals.t(found.state === 'used' ? 'invite.used' : 'invite.expired'));
	return found as typeof found & { invite: NonNullable<typeof found.invite> };
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const { invite, organization } = await validInvite(locals, params.token);
	return {
		role: invite.role,
		organization: organization?.name ?? null,
		signedInAs: locals.user
			? { username: locals.user.username, canAccept: locals.user.role === 'learner' }
			: null
	};
};

export const actions: Actions = {
	/** A new account for the invitee; the invite is claimed atomically, so it works exactly once. */
	create: async ({ params, locals, request, cookies, url }) => {
		const { invite } = await validInvite(locals, params.token);
		const input = readNewCredentials(await request.formData());
		if ('problem' in input)
			return fail(400, { message: locals.t(input.problem), username: input.username });
		if (await findUserByUsername(locals.db, input.username))
			return fail(400, { message: locals.t('account.usernameTaken'), username: input.username });
		if (!(await claimInvite(locals.db, invite.id, null))) error(410, locals.t('invite.used'));
		const user = await createUser(locals.db, {
			...input,
			role: invite.role,
			organizationId: invite.organizationId,
			scope: invite.scope
		});
		if (!user) {
			await locals.db
				.update(invites)
				.set({ usedAt: null, usedBy: null })
				.where(eq(invites.id, invite.id));
			return fail(400, { message: locals.t('account.usernameTaken'), username: input.username });
		}
		await locals.db.update(invites).set({ usedBy: user.id }).where(eq(invites.id, invite.id));
		await audit(locals.db, user, 'invite.accepted', invite.organizationId ?? invite.scope, {
			role: invite.role
		});
		await startSession(locals.db, cookies, url, user.id);
		redirect(303, twoFactorRequired(user.role) ? twoFactorPage : homeOf(user.role));
	},
	/** A signed-in learner account takes the role; staff accounts cannot be re-purposed by a link. */
	accept: async ({ params, locals }) => {
		const { invite } = await validInvite(locals, params.token);
		const user = locals.user;
		if (!user) redirect(303, `/invite/${params.token}`);
		if (user.role !== 'learner')
			return fail(400, { message: locals.t('invite.staffCannotAccept') });
		if (!(await claimInvite(locals.db, invite.id, user.id))) error(410, locals.t('invite.used'));
		await locals.db
			.update(users)
			.set({ role: invite.role, organizationId: invite.organizationId, scope: invite.scope })
			.where(eq(users.id, user.id));
		await audit(locals.db, user, 'invite.accepted', invite.organizationId ?? invite.scope, {
			role: invite.role
		});
		redirect(303, twoFactorRequired(invite.role) ? twoFactorPage : homeOf(invite.role));
	}
};
