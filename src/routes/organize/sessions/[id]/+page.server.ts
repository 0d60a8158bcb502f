import { localName } from '$lib/content/vocabulary';
import { error, fail } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { audit } from '$lib/server/audit';
import { requireOrganizer } from '$lib/server/auth/access';
import { problemText, readAttendance } from '$lib/server/campaigns/session-form';
import { findOwnSession, verifiedCount } from '$lib/server/campaigns/sessions';
import { qrSvg } from '$lib/server/qr';
import { inPersonSessions, regions } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

async function ownSessionOr404(event: Parameters<PageServerLoad>[0]) {
	const user = requireOrganizer(event);
	const session = await findOwnSession(event.locals.db, event.params.id, user.organizationId);
	if (!session) error(404, event.locals.t('error.notFound'));
	return { user, session };
}

export const load: PageServerLoad = async (event) => {
	const { session } = await ownSessionOr404(event);
	const { db, locale } = event.locals;
	const region = await db.query.regions.findFirst({ where: eq(regions.id, session.regionId) });
	const checkinUrl = `${event.url.origin}/checkin/${session.checkinCode}`;
	return {
		session: {
			heldOn: session.heldOn,
			place: session.place,
			topic: session.topic,
			region: region ? localName(region, locale) : '',
			capacity: session.capacity,
			selfReported: session.selfReported
		},
		verified: await verifiedCount(db, session.id),
		checkinUrl,
		qr: await qrSvg(checkinUrl)
	};
};

export const actions: Actions = {
	/**
	 * The organizer's own head count: stored as self-reported, next to (never added to) verified
	 * check-ins, and never above the place's capacity.
	 */
	attendance: async (event) => {
		const { user, session } = await ownSessionOr404(event as Parameters<PageServerLoad>[0]);
		const raw = (await event.request.formData()).get('selfReported')?.toString().trim() ?? '';
		const typed = readAttendance(raw, session.capacity);
		if ('problem' in typed) return fail(400, { message: problemText(event.locals, typed) });
		await event.locals.db
			.update(inPersonSessions)
			.set({ selfReported: typed.value })
			.where(eq(inPersonSessions.id, session.id));
		await audit(event.locals.db, user, 'session.attendance', session.id, {
			selfReported: typed.value
		});
		return { saved: true };
	}
};
