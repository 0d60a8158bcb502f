import { error } from '@sveltejs/kit';
import { boundaries } from '$lib/server/boundaries';
import type { RequestHandler } from './$types';

/** Any of the listed tags, weak or strong, names this body (RFC 9110 weak comparison). */
function matches(ifNoneMatch: string | null, etag: string): boolean {
	const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
	return !!ifNoneMatch
		?.split(',')
		.some((tag) => opaque(tag) === '*' || opaque(tag) === opaque(etag));
}

/**
 * A set's boundaries for "Use my location": the phone finds its own unit in them, so the position
 * is never sent. Public and the same for everyone: a day in any cache, then revalidated by ETag.
 */
export const GET: RequestHandler = ({ params, request }) => {
	const found = boundaries(params.set);
	if (!found) error(404, 'Not found');
	const headers = { 'cache-control': 'public, max-age=86400', etag: found.etag };
	if (matches(request.headers.get('if-none-match'), found.etag))
		return new Response(null, { status: 304, headers });
	return new Response(found.body, {
		headers: { ...headers, 'content-type': 'application/geo+json; charset=utf-8' }
	});
};
