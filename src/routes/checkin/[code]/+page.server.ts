import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { formatDay } from '$lib/format';
import { checkinWindow, type CheckinWindow } from '$lib/server/campaigns/checkin-window';
import { findByGuessableCode } from '$lib/server/campaigns/code-guard';
import { checkIn, hasCheckedIn } from '$lib/server/campaigns/sessions';
import { inPersonSessions } from '$lib/server/db/schema';
import { hit, minutesLeft } from '$lib/server/limits';
import type { Actions, PageServerLoad } from './$types';

/** The session a check-in code names (wrong codes count against the address), for a learner with a place. */
async function sessionFor(
	event: Pick<RequestEvent, 'params' | 'locals' | 'url' | 'getClientAddress'>
) {
	const { params, locals, url } = event;
	const code = params.code ?? '';
	const session = await findByGuessableCode(
		locals,
		event.getClientAddress(),
		async () =>
			/^[A-HJ-NP-Z2-9]{16}$/.test(code)
				? await locals.db.query.inPersonSessions.findFirst({
						where: eq(inPersonSessions.checkinCode, code)
					})
				: undefined,
		'checkin.unknown'
	);
	if (!locals.learner) redirect(303, `/start?next=${encodeURIComponent(url.pathname)}`);
	return { session, learner: locals.learner, window: checkinWindow(session.heldOn) };
}

const closedKey = (w: CheckinWindow) =>
	w.state === 'before' ? 'checkin.notYet' : 'checkin.closed';

/** Opening the link shows the session and a button; it records nothing (a link can be forwarded). */
export const load: PageServerLoad = async (event) => {
	const { session, learner, window } = await sessionFor(event);
	return {
		topic: session.topic,
		place: session.place,
		heldOn: session.heldOn,
		opens: window.opens,
		closes: window.closes,
		closedKey: window.state === 'open' ? null : closedKey(window),
		already: await hasCheckedIn(event.locals.db, session.id, learner.id)
	};
};

export const actions: Actions = {
	/** The check-in itself: in the session's window only, limited per address, once per learner. */
	default: async (event) => {
		const { locals } = event;
		const { session, learner, window } = await sessionFor(event);
		const limited = await hit(locals.db, 'checkinsPerAddress', event.getClientAddress());
		if (!limited.allowed)
			error(429, locals.t('checkin.tooMany', { minutes: minutesLeft(limited) }));
		if (window.state !== 'open')
			return fail(409, {
				message: locals.t(closedKey(window), {
					opens: formatDay(window.opens, locals.locale),
					closes: formatDay(window.closes, locals.locale)
				})
			});
		return { result: await checkIn(locals.db, session.id, learner) };
	}
};
