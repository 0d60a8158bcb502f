import { recentAudit } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const entries = await recentAudit(event.locals.db);
	return {
		entries: entries.map((e) => ({
			id: e.id,
			at: e.at.toISOString().replace('T', ' ').slice(0, 19),
			actor: e.actorName,
			action: e.action,
			target: e.target ?? '',
			detail: e.detail ?? ''
		}))
	};
};
