import { redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { findByGuessableCode } from '$lib/server/campaigns/code-guard';
import { checkIn } from '$lib/server/campaigns/sessions';
import { inPersonSessions } from '$lib/server/db/schema';
import type { PageServerLoad } from './$types';

/** Scanning a session's QR code checks the learner in: a verified attendee, counted once. */
export const load: PageServerLoad = async ({ params, locals, url, getClientAddress }) => {
	const { db } = locals;
	const session = await findByGuessableCode(
		locals,
		getClientAddress(),
		async () =>
			/^[A-HJ-NP-Z2-9]{16}$/.test(params.code)
				? await db.query.inPersonSessions.findFirst({
						where: eq(inPersonSessions.checkinCode, params.code)
					})
				: undefined,
		'checkin.unknown'
	);
	if (!locals.learner) redirect(303, `/start?next=${encodeURIComponent(url.pathname)}`);
	const result = await checkIn(db, session.id, locals.learner);
	return { result, topic: session.topic, place: session.place, heldOn: session.heldOn };
};
