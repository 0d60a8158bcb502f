import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { createI18n, localeCookie, pickLocale } from '$lib/i18n';
import { getCatalogue } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/access';
import { deleteSessionTokenCookie, setSessionTokenCookie } from '$lib/server/auth/cookies';
import type { Role } from '$lib/server/db/schema';
import { sessionCookie, validateSessionToken } from '$lib/server/auth/session';
import { findLearner, findLearnerOfUser, learnerCookie } from '$lib/server/learner';
import { catchUp, scheduleRollups, syncLessonTags } from '$lib/server/reach/rollups';

/** Fail at start-up, not on the first learner's request: open + migrate the database, load content. */
export const init: ServerInit = async () => {
	try {
		const { db } = await getDatabase();
		await syncLessonTags(db, getCatalogue());
		// After a crash or a restart, fold in whatever was recorded but not yet rolled up; then keep
		// a slow heartbeat in case a scheduled step was lost.
		await catchUp(db, 10_000);
		setInterval(() => scheduleRollups(db, 0), 10_000).unref();
	} catch (error) {
		console.error(`Start-up failed. ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	}
};

/**
 * The request's i18next instance is made on first use: most API calls (event ingest) answer without a
 * word of text, and making an instance costs more than the rest of their handling in hooks.
 */
const i18nHandle: Handle = ({ event, resolve }) => {
	const locale = pickLocale(event.cookies.get(localeCookie));
	let i18n: ReturnType<typeof createI18n> | undefined;
	const instance = () => (i18n ??= createI18n(locale));
	event.locals.locale = locale;
	Object.defineProperties(event.locals, {
		i18n: { get: instance, enumerable: true, configurable: true },
		t: { get: () => instance().t, enumerable: true, configurable: true }
	});
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
};

/** Lucia-style: validate the session token, renew its cookie when the session slid forward. */
const sessionHandle: Handle = async ({ event, resolve }) => {
	const { db } = await getDatabase();
	event.locals.db = db;
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(sessionCookie);
	if (token) {
		const { session, user } = await validateSessionToken(db, token);
		if (session) {
			setSessionTokenCookie(event.cookies, event.url, token, session.expiresAt);
			event.locals.session = session;
			event.locals.user = user;
		} else {
			deleteSessionTokenCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

/** The learner is the account's when signed in, else the anonymous one in this browser's cookie. */
const learnerHandle: Handle = async ({ event, resolve }) => {
	const { db, user } = event.locals;
	event.locals.learner = user
		? await findLearnerOfUser(db, user.id)
		: await findLearner(db, event.cookies.get(learnerCookie));
	return resolve(event);
};

/**
 * Whole areas are guarded here, before any load or action runs; each load and action checks its role
 * again, so a route moved out of an area stays protected.
 */
const areas: [prefix: string, roles: Role[]][] = [
	['/admin', ['admin']],
	['/organize', ['organizer']],
	['/dashboard', ['analyst', 'admin']]
];
const guardHandle: Handle = ({ event, resolve }) => {
	const path = event.url.pathname;
	const area = areas.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`));
	if (area) requireRole(event, ...area[1]);
	return resolve(event);
};

export const handle = sequence(i18nHandle, sessionHandle, guardHandle, learnerHandle);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status >= 500) console.error(`${event.request.method} ${event.url.pathname}:`, error);
	const t = event.locals.t ?? createI18n('vi').t;
	return { message: status === 404 ? t('error.notFound') : t('error.server') };
};
