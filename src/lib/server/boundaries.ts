import { weakEtag } from './etag';

/** Each region set's boundaries (content/regions/<set>.geojson), bundled at build like map.ts's. */
const files = import.meta.glob('/content/regions/*.geojson', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

const setOf = (path: string) => /([^/]+)\.geojson$/.exec(path)![1]!;

/** Hashed once at start-up: the content never changes under a running build. */
const bySet = new Map(
	Object.entries(files).map(([path, body]) => [setOf(path), { body, etag: weakEtag(body) }])
);

export function boundaries(set: string): { body: string; etag: string } | undefined {
	return bySet.get(set);
}

/** Where the picker fetches a set's boundaries from, or null when the set ships none. */
export function boundariesUrl(set: string): string | null {
	return bySet.has(set) ? `/places/${set}/boundaries.json` : null;
}
