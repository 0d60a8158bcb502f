import { localName } from '$lib/content/vocabulary';
import { eq } from 'drizzle-orm';
import { organizersOf } from '$lib/server/admin/queries';
import { requireOrganizer } from '$lib/server/auth/access';
import { joinState, campaignsOf } from '$lib/server/campaigns/store';
import { sessionsOf } from '$lib/server/campaigns/sessions';
import { organizations, regions } from '$lib/server/db/schema';
import type { PageServerLoad } from './$types';

/** An organizer's home: their own organization only; the id comes from the session, never the URL. */
export const load: PageServerLoad = async (event) => {
	const user = requireOrganizer(event);
	const { db, locale } = event.locals;
	const organization = await db.query.organizations.findFirst({
		where: eq(organizations.id, user.organizationId)
	});
	const region =
		organization &&
		(await db.query.regions.findFirst({ where: eq(regions.id, organization.regionId) }));
	return {
		organization: organization && {
			name: organization.name,
			type: organization.type,
			region: region ? localName(region, locale) : ''
		},
		organizers: (await organizersOf(db, user.organizationId)).map((u) => u.username),
		campaigns: (await campaignsOf(db, user.organizationId)).map((c) => ({
			id: c.id,
			title: c.title,
			startsOn: c.startsOn,
			endsOn: c.endsOn,
			state: joinState(c)
		})),
		sessions: (await sessionsOf(db, user.organizationId)).map((s) => ({
			id: s.id,
			heldOn: s.heldOn,
			place: s.place,
			topic: s.topic,
			overCapacity: s.verified > s.capacity
		}))
	};
};
