/**
 * adapter-node refuses bodies over BODY_SIZE_LIMIT (default 512K) only when a handler reads them, and a
 * handler that turns any unreadable body into "bad input" would answer 400. Checking the declared
 * length first gives every route the same 413, before any work. A body sent without a length
 * (chunked) is still cut off by the adapter at the same limit when it is read.
 */
export function bodySizeLimit(value = process.env.BODY_SIZE_LIMIT ?? '512K'): number {
	const multiplier = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[value.slice(-1).toUpperCase()] ?? 1;
	const bytes = Number(multiplier === 1 ? value : value.slice(0, -1)) * multiplier;
	return Number.isNaN(bytes) ? 512 * 1024 : bytes;
}

const limit = bodySizeLimit();

export function declaresTooLargeBody(request: Request): boolean {
	const length = Number(request.headers.get('content-length'));
	return Number.isFinite(length) && length > limit;
}
