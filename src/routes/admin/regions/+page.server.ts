import { localName } from '$lib/content/vocabulary';
import { fail } from '@sveltejs/kit';
import { eq, sql } from 'drizzle-orm';
import { listRegionSets } from '$lib/server/admin/queries';
import { audit } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/access';
import { regionSets } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const sets = await listRegionSets(event.locals.db);
	return {
		sets: sets.map((s) => ({
			code: s.code,
			name: localName(s, event.locals.locale),
			source: s.source,
			active: s.active
		}))
	};
};

export const actions: Actions = {
	/** Region sets are loaded as data (`npm run db:seed FILE`); here an admin chooses which one learners see. */
	activate: async (event) => {
		const admin = requireRole(event, 'admin');
		const { db, t } = event.locals;
		const code = (await event.request.formData()).get('code');
		const set =
			typeof code === 'string'
				? await db.query.regionSets.findFirst({ where: eq(regionSets.code, code) })
				: undefined;
		if (!set) return fail(400, { message: t('admin.badRegionSet') });
		await db.update(regionSets).set({ active: sql`${regionSets.code} = ${set.code}` });
		await audit(db, admin, 'region-set.activated', set.code);
		return { activated: set.code };
	}
};
