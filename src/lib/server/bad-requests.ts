import { text, type Handle } from '@sveltejs/kit';
import { withoutLocale } from '$lib/i18n/paths';

const formTypes = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

function isFormPost(request: Request): boolean {
	const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
	return request.method === 'POST' && formTypes.includes(type);
}

function undecodable(pathname: string): boolean {
	try {
		// Compared, not just called: a bare `decodeURI(pathname);` is dropped by the bundler as a call
		// without side effects, try/catch or not. A request path is never empty.
		return decodeURI(pathname) === '';
	} catch {
		return true;
	}
}

/**
 * Requests the framework would mishandle are answered here, before any other handle runs.
 *
 * - A path that cannot be percent-decoded: SvelteKit 2.70 still runs the handle hooks for it, but outside
 *   its error handling, so a redirect or error thrown by a later handle (the area guard) escapes and ends
 *   the process (found by tests/stress/fuzz.ts; the same crash as huggingface/chat-ui#2579).
 * - A form post whose body cannot be parsed (text/plain, which SvelteKit lets through to actions but
 *   `formData()` cannot read; a broken multipart body) would be a 500 in every action; a body over
 *   BODY_SIZE_LIMIT is a 413 here rather than whatever each action makes of the failed read. Endpoints
 *   under /api parse their own bodies.
 */
export const badRequestHandle: Handle = async ({ event, resolve }) => {
	// Plain text, with the request id to quote, as the error page shows it. `t` is read only here:
	// reading it makes the request's i18next instance, which most requests never need.
	const refuse = (key: string, status: number) => {
		const { t, requestId } = event.locals;
		return text(`${t(key)}\n${t('error.reference', { id: requestId })}`, { status });
	};
	if (undecodable(event.url.pathname)) return refuse('error.badRequest', 400);
	if (isFormPost(event.request) && !withoutLocale(event.url.pathname).startsWith('/api/')) {
		const failure = await event.request
			.clone()
			.formData()
			.then(() => null)
			.catch((error: unknown) => error);
		if (failure) {
			const tooLarge = (failure as { status?: number }).status === 413;
			return tooLarge ? refuse('error.tooLarge', 413) : refuse('error.badRequest', 400);
		}
	}
	return resolve(event);
};
