import { gzipSync } from 'node:zlib';
import type { RequestEvent } from '@sveltejs/kit';
import { isSharedPage } from '$lib/shared-pages';
import { matchesEtag, weakEtag } from './etag';

/**
 * The pages everyone shares (home, course, lesson, quiz; see $lib/shared-pages), rendered once per
 * running build and address, then answered from memory. The address names the language (/en/…), and
 * the render reads nothing about the person (the hooks give it no session and no learner), so one copy
 * serves everyone: any cache may keep it a few minutes, then revalidate it by ETag. The CSP uses hashes
 * (kit.csp.mode 'hash'), not a per-request nonce, so a kept copy's policy stays strict and true.
 */
interface Entry {
	status: number;
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer>;
	gzip: Uint8Array<ArrayBuffer>;
	etag: string;
}

/** A few minutes in any cache: after a new build, a kept page names chunks that may be gone. */
export const sharedCacheControl = 'public, max-age=300';
/** Far more than the addresses of every lesson and quiz in both languages, with their data requests. */
const maxEntries = 2000;
const entries = new Map<string, Promise<Entry | null>>();

/** Whether the request is for a page rendered without the person (no session, no learner). */
export function rendersForEveryone(event: RequestEvent): boolean {
	const { method } = event.request;
	return (method === 'GET' || method === 'HEAD') && isSharedPage(event.route.id);
}

/**
 * The cache's key for a request, or null when it must be rendered for this request: only GET or HEAD
 * of a shared page without a query (a data request's own parameters are in the key). The key is the
 * address as sent, so /en/…, /…/__data.json and its `x-sveltekit-invalidated` are each their own.
 */
export function sharedPageKey(event: RequestEvent): string | null {
	if (!rendersForEveryone(event) || event.url.search !== '') return null;
	const sent = new URL(event.request.url);
	return `${sent.pathname}${sent.search}`;
}

async function keep(response: Response): Promise<Entry | null> {
	// Only a plain page: an error, a redirect or anything setting a cookie is answered as it is.
	if (response.status !== 200 || response.headers.has('set-cookie')) return null;
	const body = new Uint8Array(await response.clone().arrayBuffer());
	const headers = [...response.headers].filter(([name]) => name !== 'content-length');
	return { status: 200, headers, body, gzip: new Uint8Array(gzipSync(body)), etag: weakEtag(body) };
}

function answer(request: Request, entry: Entry): Response {
	const headers = new Headers(entry.headers);
	headers.set('etag', entry.etag);
	headers.set('cache-control', sharedCacheControl);
	headers.append('vary', 'Accept-Encoding');
	if (matchesEtag(request.headers.get('if-none-match'), entry.etag)) {
		for (const name of ['content-type', 'content-length']) headers.delete(name);
		return new Response(null, { status: 304, headers });
	}
	const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
	const body = gzip ? entry.gzip : entry.body;
	if (gzip) headers.set('content-encoding', 'gzip');
	headers.set('content-length', String(body.byteLength));
	return new Response(request.method === 'HEAD' ? null : body, { status: entry.status, headers });
}

/**
 * Answers from memory, or renders with `render` (the rest of the hooks and the page) and keeps what
 * came out. Requests arriving while a page renders wait for that one render.
 */
export async function fromPageCache(
	event: RequestEvent,
	key: string,
	render: () => Response | Promise<Response>
): Promise<Response> {
	const known = entries.get(key);
	// A HEAD's render has no body to keep: it is answered from a kept GET, or rendered for itself.
	if (!known && event.request.method === 'HEAD') return await render();
	if (known) {
		const entry = await known;
		if (entry) return answer(event.request, entry);
		return await render();
	}
	let rendered: Response | undefined;
	const pending = Promise.resolve(render()).then((response) => {
		rendered = response;
		return keep(response);
	});
	entries.set(
		key,
		pending.catch(() => null)
	);
	const entry = await pending.catch((error: unknown) => {
		entries.delete(key);
		throw error;
	});
	if (!entry) {
		entries.delete(key);
		return rendered!;
	}
	if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
	return answer(event.request, entry);
}

/** For tests: forget every kept page. */
export function clearPageCache(): void {
	entries.clear();
}
