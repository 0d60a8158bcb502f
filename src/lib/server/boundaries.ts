import { createHash } from 'node:crypto';

/** Each region set's boundaries (content/regions/<set>.geojson), bundled at build like map.ts's. */
const files = import.meta.glob('/content/regions/*.geojson', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

const setOf = (path: string) => /([^/]+)\.geojson$/.exec(path)![1]!;

/**
 * Hashed once at start-up: the content never changes under a running build. Weak tags, because the
 * hooks may gzip the body and a strong tag would have to differ per encoding.
 */
const bySet = new Map(
	Object.entries(files).map(([path, body]) => [
		setOf(path),
		{ body, etag: `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` }
	])
);

export function boundaries(set: string): { body: string; etag: string } | undefined {
	return bySet.get(set);
}

/** Where the picker fetches a set's boundaries from, or null when the set ships none. */
export function boundariesUrl(set: string): string | null {
	return bySet.has(set) ? `/places/${set}/boundaries.json` : null;
}
