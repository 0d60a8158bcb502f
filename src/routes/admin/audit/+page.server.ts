import { recentAudit } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/access';
import { provinceStamp } from '$lib/server/dates';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const entries = await recentAudit(event.locals.db);
	return {
		entries: entries.map((e) => ({
			id: e.id,
			at: provinceStamp(e.at),
			actor: e.actorName,
			action: e.action,
			target: e.target ?? '',
			detail: e.detail ?? ''
		}))
	};
};
