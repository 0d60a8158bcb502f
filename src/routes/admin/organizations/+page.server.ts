import { localName } from '$lib/content/vocabulary';
import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { fields, OrganizationForm } from '$lib/server/admin/forms';
import { listOrganizations } from '$lib/server/admin/queries';
import { audit } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/access';
import { activeRegions, findRegion } from '$lib/server/db/regions';
import { organizations } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db, locale } = event.locals;
	return {
		organizations: (await listOrganizations(db)).map((o) => ({
			id: o.id,
			name: o.name,
			type: o.type,
			region: locale === 'vi' ? o.regionVi : o.regionEn
		})),
		regions: (await activeRegions(db)).map((r) => ({ id: r.id, name: localName(r, locale) }))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const admin = requireRole(event, 'admin');
		const { db, t } = event.locals;
		const raw = fields(await event.request.formData(), ['name', 'type', 'region']);
		const parsed = v.safeParse(OrganizationForm, raw);
		if (!parsed.success || !(await findRegion(db, parsed.output.region))) {
			const problem = parsed.success ? 'admin.badOrganization' : parsed.issues[0].message;
			return fail(400, { message: t(problem), name: raw.name ?? '' });
		}
		const id = crypto.randomUUID();
		await db.insert(organizations).values({
			id,
			name: parsed.output.name,
			type: parsed.output.type,
			regionId: parsed.output.region,
			createdAt: new Date()
		});
		await audit(db, admin, 'organization.created', id, {
			name: parsed.output.name,
			type: parsed.output.type
		});
		return { created: parsed.output.name };
	}
};
