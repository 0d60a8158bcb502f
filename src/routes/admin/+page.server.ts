import { overview } from '$lib/server/admin/queries';
import { requireRole } from '$lib/server/auth/access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	return { overview: await overview(event.locals.db) };
};
