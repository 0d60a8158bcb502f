import { error, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { checkIn } from '$lib/server/campaigns/sessions';
import { inPersonSessions } from '$lib/server/db/schema';
import { hit, isLimited, limits } from '$lib/server/rate-limit';
import type { PageServerLoad } from './$types';

/** Scanning a session's QR code checks the learner in: a verified attendee, counted once. */
export const load: PageServerLoad = async ({ params, locals, url, getClientAddress }) => {
	const { db, t } = locals;
	const addressKey = `join:addr:${getClientAddress()}`;
	if (await isLimited(db, addressKey, limits.joinMissesPerAddress))
		error(429, t('join.tooMany', { minutes: 15 }));
	const session = /^[A-HJ-NP-Z2-9]{16}$/.test(params.code)
		? await db.query.inPersonSessions.findFirst({
				where: eq(inPersonSessions.checkinCode, params.code)
			})
		: undefined;
	if (!session) {
		const attempt = await hit(db, addressKey, limits.joinMissesPerAddress);
		if (!attempt.allowed)
			error(429, t('join.tooMany', { minutes: Math.ceil(attempt.retryAfterS / 60) }));
		error(404, t('checkin.unknown'));
	}
	if (!locals.learner) redirect(303, `/start?next=${encodeURIComponent(url.pathname)}`);
	const result = await checkIn(db, session.id, locals.learner);
	return { result, topic: session.topic, place: session.place, heldOn: session.heldOn };
};
