/** Longer targets are not worth a Location header (and no page of the site has such an address). */
const maxLength = 2000;
/** Control characters and backslashes, typed or percent-encoded: browsers drop or rewrite them. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const unsafe = /[\u0000-\u001f\u007f\\]|%(?:[01][0-9a-f]|7f|5c)/i;
/** A path starts with one slash: `//host`, `/\host` (or their encoded forms) name another site. */
const path = /^\/(?![/\\]|%2f|%5c)/i;

/**
 * Where to send a person back to after /start, sign-in, sign-up or a language switch: a path of this
 * site (`origin`), resolved and re-encoded, so the Location header is always ASCII; `fallback` for
 * anything else (another site, a scheme, a control character), never an error.
 */
export function safeNext(candidate: unknown, origin: string, fallback = '/'): string {
	if (typeof candidate !== 'string' || candidate.length > maxLength) return fallback;
	if (!path.test(candidate) || unsafe.test(candidate)) return fallback;
	let resolved: URL;
	try {
		resolved = new URL(candidate, origin);
	} catch {
		return fallback;
	}
	if (resolved.origin !== new URL(origin).origin) return fallback;
	return resolved.pathname + resolved.search + resolved.hash;
}
