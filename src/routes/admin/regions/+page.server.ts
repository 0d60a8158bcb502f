import { localName } from '$lib/content/vocabulary';
import { fail } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { listRegionSets } from '$lib/server/admin/queries';
import { audit } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/access';
import {
	activateRegionSet,
	CrosswalkError,
	loadWithFormerSet,
	RegionSetFile
} from '$lib/server/db/regions';
import { regionSets } from '$lib/server/db/schema';
import { readShippedSet, shippedRegionSets } from '$lib/server/db/shipped-regions';
import type { Actions, PageServerLoad } from './$types';

/** The sets loaded in the database and those shipped with the build but not loaded yet. */
export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db, locale } = event.locals;
	const loaded = await listRegionSets(db);
	const shipped = shippedRegionSets().flatMap(({ code, data }) => {
		const file = v.safeParse(RegionSetFile, data);
		return file.success && !loaded.some((s) => s.code === code)
			? [
					{
						code,
						name: locale === 'en' ? file.output.nameEn : file.output.name,
						source: file.output.source,
						units: file.output.units.length,
						active: false,
						loaded: false
					}
				]
			: [];
	});
	const counts = new Map(
		shippedRegionSets().map(({ code, data }) => {
			const file = v.safeParse(RegionSetFile, data);
			return [code, file.success ? file.output.units.length : null];
		})
	);
	return {
		sets: [
			...loaded.map((s) => ({
				code: s.code,
				name: localName(s, locale),
				source: s.source,
				units: counts.get(s.code) ?? null,
				active: s.active,
				loaded: true
			})),
			...shipped
		],
		noneActive: !loaded.some((s) => s.active)
	};
};

export const actions: Actions = {
	/**
	 * Makes a set the one learners choose from: a loaded set, or a shipped one loaded first (with the
	 * former set its crosswalk names), its file and crosswalk checked before anything is written.
	 */
	use: async (event) => {
		const admin = requireRole(event, 'admin');
		const { db, t } = event.locals;
		const code = (await event.request.formData()).get('code');
		if (typeof code !== 'string') return fail(400, { message: t('admin.badRegionSet') });
		const loaded = await db.query.regionSets.findFirst({ where: eq(regionSets.code, code) });
		const shipped = readShippedSet(code);
		if (!loaded && !shipped) return fail(400, { message: t('admin.badRegionSet') });
		try {
			if (shipped) await loadWithFormerSet(db, shipped, readShippedSet);
			else await activateRegionSet(db, code);
		} catch (error) {
			if (!(error instanceof CrosswalkError || error instanceof v.ValiError)) throw error;
			return fail(400, { message: t('admin.regionSetRefused', { reason: error.message }) });
		}
		await audit(db, admin, shipped ? 'region-set.loaded' : 'region-set.activated', code);
		return { activated: code };
	}
};
