import { error } from '@sveltejs/kit';
import { boundaries } from '$lib/server/boundaries';
import { matchesEtag } from '$lib/server/etag';
import type { RequestHandler } from './$types';

/**
 * A set's boundaries for "Use my location": the phone finds its own unit in them, so the position
 * is never sent. Public and the same for everyone: a day in any cache, then revalidated by ETag.
 */
export const GET: RequestHandler = ({ params, request }) => {
	const found = boundaries(params.set);
	if (!found) error(404, 'Not found');
	const headers = { 'cache-control': 'public, max-age=86400', etag: found.etag };
	if (matchesEtag(request.headers.get('if-none-match'), found.etag))
		return new Response(null, { status: 304, headers });
	return new Response(found.body, {
		headers: { ...headers, 'content-type': 'application/geo+json; charset=utf-8' }
	});
};
