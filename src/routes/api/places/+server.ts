import { matchesEtag, weakEtag } from '$lib/server/etag';
import { placeChoices } from '$lib/server/places';
import type { RequestHandler } from './$types';

/**
 * The places a new learner chooses from, for the picker a lesson or quiz shows at the first
 * completion (/api/places in Vietnamese, /en/api/places in English). The same for everyone: any cache
 * may keep it for five minutes, then revalidate it by ETag (an admin may make another set active).
 */
export const GET: RequestHandler = async ({ locals, request }) => {
	const body = JSON.stringify(await placeChoices(locals.db, locals.locale));
	const etag = weakEtag(body);
	const headers = { 'cache-control': 'public, max-age=300', etag, vary: 'Accept-Encoding' };
	if (matchesEtag(request.headers.get('if-none-match'), etag))
		return new Response(null, { status: 304, headers });
	return new Response(body, { headers: { ...headers, 'content-type': 'application/json' } });
};
