import { createHash } from 'node:crypto';

/**
 * A weak validator for a body: weak, because the hooks (or a proxy) may compress the body, and a strong
 * tag would have to differ per encoding.
 */
export function weakEtag(body: string | Uint8Array): string {
	return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Any of the listed tags, weak or strong, names this body (RFC 9110 weak comparison). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
	const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
	return !!ifNoneMatch
		?.split(',')
		.some((tag) => opaque(tag) === '*' || opaque(tag) === opaque(etag));
}
