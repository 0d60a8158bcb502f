import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { createI18n, localeCookie, pickLocale } from '$lib/i18n';
import { getCatalogue } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { findLearner, learnerCookie } from '$lib/server/learner';

/** Fail at start-up, not on the first learner's request: open + migrate the database, load content. */
export const init: ServerInit = async () => {
	try {
		await getDatabase();
		getCatalogue();
	} catch (error) {
		console.error(`Start-up failed. ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	}
};

const i18nHandle: Handle = ({ event, resolve }) => {
	const locale = pickLocale(event.cookies.get(localeCookie));
	const i18n = createI18n(locale);
	event.locals.locale = locale;
	event.locals.i18n = i18n;
	event.locals.t = i18n.t;
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
};

const learnerHandle: Handle = async ({ event, resolve }) => {
	const { db } = await getDatabase();
	event.locals.db = db;
	event.locals.learner = await findLearner(db, event.cookies.get(learnerCookie));
	return resolve(event);
};

export const handle = sequence(i18nHandle, learnerHandle);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status >= 500) console.error(`${event.request.method} ${event.url.pathname}:`, error);
	const t = event.locals.t ?? createI18n('vi').t;
	return { message: status === 404 ? t('error.notFound') : t('error.server') };
};
