import { isHttpError, isRedirect, text } from '@sveltejs/kit';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { sourceLocale } from '$lib/content/vocabulary';
import { createI18n, localeCookie, pickLocale } from '$lib/i18n';
import { localeOfPath, withoutLocale } from '$lib/i18n/paths';
import { namesItsLanguage } from '$lib/shared-pages';
import { getCatalogue } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/access';
import { badRequestHandle } from '$lib/server/bad-requests';
import { deleteSessionTokenCookie, setSessionTokenCookie } from '$lib/server/auth/cookies';
import type { Role } from '$lib/server/db/schema';
import { sessionCookie, validateSessionToken } from '$lib/server/auth/session';
import { findLearner, findLearnerOfUser, learnerCookie } from '$lib/server/learner';
import { retentionYears, scheduleRetirement } from '$lib/server/learner/retire';
import { keepDefinitionCurrent } from '$lib/server/reach/rebuild';
import { syncLessonTags } from '$lib/server/reach/rollups';
import { scheduleRollups } from '$lib/server/reach/step';
import { declaresTooLargeBody } from '$lib/server/body-limit';
import { compressed } from '$lib/server/compress';
import { log, requestIdFrom } from '$lib/server/log';
import { pruneLimits } from '$lib/server/limits';
import { securityHeaders } from '$lib/server/security-headers';
import { fromPageCache, rendersForEveryone, sharedPageKey } from '$lib/server/page-cache';
import { dev } from '$app/environment';

/** Fail at start-up, not on the first learner's request: open + migrate the database, load content. */
export const init: ServerInit = async () => {
	try {
		const { db } = await getDatabase();
		await syncLessonTags(db, getCatalogue());
		// Rollups of an older definition of reach are rebuilt in the background: the server answers
		// meanwhile. Whatever was recorded but not yet rolled up (after a crash) is folded in soon after
		// start-up, and a slow heartbeat catches a lost step or an interrupted rebuild.
		await keepDefinitionCurrent(db);
		scheduleRollups(db, 0);
		setInterval(() => {
			scheduleRollups(db, 0);
			keepDefinitionCurrent(db).catch((error: unknown) =>
				log.warn({ err: error }, 'checking the reach rollups failed')
			);
		}, 10_000).unref();
		setInterval(() => {
			pruneLimits(db).catch((error: unknown) =>
				log.warn({ err: error }, 'pruning rate limits failed')
			);
		}, 10 * 60_000).unref();
		scheduleRetirement(db, retentionYears(), log);
	} catch (error) {
		log.fatal({ err: error }, 'start-up failed');
		log.flush();
		process.exit(1);
	}
};

/**
 * First of all handles: a request id (a proxy's, if it sent a sane one), security headers on every
 * response, and one access line per request. The line names the route id, never the path: invitation
 * tokens and join codes are in paths. No address, cookie or user is logged.
 */
const requestHandle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const requestId = requestIdFrom(event.request.headers.get('x-request-id'));
	event.locals.requestId = requestId;
	event.locals.log = log.child({ requestId });
	const access = (status: number) =>
		event.locals.log[event.route.id === '/healthz' ? 'debug' : 'info'](
			{
				method: event.request.method,
				route: event.route.id,
				status,
				ms: Math.round(performance.now() - started)
			},
			'request'
		);
	let response: Response;
	try {
		response = await resolve(event);
	} catch (thrown) {
		// A redirect or error thrown by a later handle (the area guard) becomes SvelteKit's own response
		// after this handle; it is logged here, and carries the CSP but not the headers below.
		access(isRedirect(thrown) || isHttpError(thrown) ? thrown.status : 500);
		throw thrown;
	}
	for (const [name, value] of Object.entries(securityHeaders(event.url, event.route.id))) {
		response.headers.set(name, value);
	}
	response.headers.set('x-request-id', requestId);
	access(response.status);
	return compressed(event.request, response);
};

/** Over BODY_SIZE_LIMIT by its declared length: refused before any handler reads or writes anything. */
const bodyLimitHandle: Handle = ({ event, resolve }) =>
	declaresTooLargeBody(event.request)
		? text(event.locals.t('error.tooLarge'), { status: 413 })
		: resolve(event);

/**
 * The language: the one the address names (/en/…), Vietnamese on the pages everyone shares, else the
 * person's choice (the `lang` cookie). The request's i18next instance is made on first use: most API
 * calls (event ingest) answer without a word of text, and making an instance costs more than the rest
 * of their handling in hooks.
 */
const i18nHandle: Handle = ({ event, resolve }) => {
	const locale =
		localeOfPath(event.url.pathname) ??
		(namesItsLanguage(event.route.id) ? sourceLocale : pickLocale(event.cookies.get(localeCookie)));
	let i18n: ReturnType<typeof createI18n> | undefined;
	const instance = () => (i18n ??= createI18n(locale));
	event.locals.locale = locale;
	Object.defineProperties(event.locals, {
		i18n: { get: instance, enumerable: true, configurable: true },
		t: { get: () => instance().t, enumerable: true, configurable: true }
	});
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
};

/**
 * `/` opens in the language a person chose: English goes to /en. Every other shared page names its
 * language in its address, so `/` is the one answer that varies with the cookie.
 */
const homeHandle: Handle = async ({ event, resolve }) => {
	if (event.url.pathname !== '/' || event.isDataRequest) return resolve(event);
	if (pickLocale(event.cookies.get(localeCookie)) === 'en') {
		return new Response(null, {
			status: 302,
			headers: { location: `/en${event.url.search}`, vary: 'Cookie', 'cache-control': 'no-cache' }
		});
	}
	const response = await resolve(event);
	response.headers.append('vary', 'Cookie');
	return response;
};

/**
 * The pages everyone shares are rendered with no session and no learner, so that nothing personal can
 * reach them, and answered from memory after the first render (see page-cache.ts). Without a query
 * only: a query may redirect (an old result link). The development server renders every time.
 */
const sharedPageHandle: Handle = async ({ event, resolve }) => {
	if (!rendersForEveryone(event)) return resolve(event);
	event.locals.db = (await getDatabase()).db;
	event.locals.user = null;
	event.locals.session = null;
	event.locals.learner = null;
	const key = dev ? null : sharedPageKey(event);
	return key ? fromPageCache(event, key, () => resolve(event)) : resolve(event);
};

/** Lucia-style: validate the session token, renew its cookie when the session slid forward. */
const sessionHandle: Handle = async ({ event, resolve }) => {
	if (rendersForEveryone(event)) return resolve(event);
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
	if (rendersForEveryone(event)) return resolve(event);
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
	const path = withoutLocale(event.url.pathname);
	const area = areas.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`));
	if (area) requireRole(event, ...area[1]);
	return resolve(event);
};

export const handle = sequence(
	requestHandle,
	i18nHandle,
	badRequestHandle,
	bodyLimitHandle,
	homeHandle,
	sharedPageHandle,
	sessionHandle,
	guardHandle,
	learnerHandle
);

const messageKeys: Record<number, string> = { 404: 'error.notFound', 413: 'error.tooLarge' };

/** Unexpected errors: logged with the request id, which the error page shows so people can quote it. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	const requestId = event.locals.requestId ?? requestIdFrom(null);
	if (status >= 500) {
		(event.locals.log ?? log).error(
			{ requestId, method: event.request.method, route: event.route.id, status, err: error },
			'unhandled error'
		);
	}
	const t = event.locals.t ?? createI18n('vi').t;
	return { message: t(messageKeys[status] ?? 'error.server'), requestId };
};
