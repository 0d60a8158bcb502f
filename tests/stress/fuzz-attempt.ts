/** A fuzzer request (Attempt), the malformed bodies it is made of, and sending it to the server. */
import { origin, type prng } from './harness.ts';
import { invalidUtf8 } from './fuzz-values.ts';
import type { Who } from './fuzz-routes-common.ts';

export const bodyLimit = 512 * 1024;

export type Rng = ReturnType<typeof prng>;
export type Body =
	string | Buffer | URLSearchParams | FormData | ReadableStream<Uint8Array> | undefined;

export interface Attempt {
	route: string;
	who: Who;
	mode: string;
	method: string;
	path: string;
	headers: Record<string, string>;
	body: Body;
	/** The body is over the limit and the route reads it: only 413 (or a refusal before reading) is right. */
	tooLarge?: boolean;
	/** The same body again, for a body that is read once (a stream) and must be sent again. */
	again?: () => Body;
}

/**
 * Percent-encodes like encodeURIComponent, but a lone surrogate (one of the bad values) goes out as the
 * three bytes it would take in UTF-8 (WTF-8), which are not valid UTF-8: what a broken client sends.
 */
export function encode(value: string): string {
	return Array.from(value, (ch) => {
		const unit = ch.charCodeAt(0);
		if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
			return [0xed, 0xa0 | ((unit >> 6) & 0x1f), 0x80 | (unit & 0x3f)]
				.map((b) => `%${b.toString(16).toUpperCase()}`)
				.join('');
		}
		return encodeURIComponent(ch);
	}).join('');
}

export function encodeForm(fields: [string, string][], r: Rng): { body: Body; type?: string } {
	if (r.chance(0.3)) {
		const form = new FormData();
		for (const [k, v] of fields) form.append(k, v);
		return { body: form };
	}
	return {
		body: new URLSearchParams(fields).toString(),
		type: 'application/x-www-form-urlencoded'
	};
}

/** A form body with raw bytes that are not UTF-8 spliced into one value (or percent-encoded). */
export function invalidUtf8Form(fields: [string, string][], r: Rng): Buffer {
	const at = r.int(Math.max(1, fields.length));
	const parts = fields.map(([k, v], i) =>
		i === at
			? Buffer.concat([
					Buffer.from(`${encode(k)}=`),
					r.chance(0.5) ? r.pick(invalidUtf8) : Buffer.from('%ff%fe%c0%af'),
					Buffer.from(encode(v))
				])
			: Buffer.from(`${encode(k)}=${encode(v)}`)
	);
	if (!fields.length) parts.push(Buffer.concat([Buffer.from('x='), r.pick(invalidUtf8)]));
	return Buffer.concat(parts.flatMap((p, i) => (i ? [Buffer.from('&'), p] : [p])));
}

export function hugeBody(r: Rng): { body: Body; type: string; again?: () => Body } {
	const size = bodyLimit + 1 + r.int(2 * bodyLimit);
	if (r.chance(0.3)) {
		// No content-length: the limit must hold while the body streams in.
		const chunk = Buffer.alloc(64 * 1024, 'a');
		const stream = () => {
			let sent = 0;
			return new ReadableStream<Uint8Array>({
				pull(controller) {
					if (sent >= size) return controller.close();
					sent += chunk.length;
					controller.enqueue(sent === chunk.length ? Buffer.from(`x=${chunk}`) : chunk);
				}
			});
		};
		return { type: 'application/x-www-form-urlencoded', body: stream(), again: stream };
	}
	return { type: 'application/x-www-form-urlencoded', body: `x=${'a'.repeat(size)}` };
}

export async function send(a: Attempt): Promise<{ status: number; text: string }> {
	try {
		const response = await fetch(`${origin}${a.path}`, {
			method: a.method,
			headers: a.headers,
			body: a.body,
			redirect: 'manual',
			signal: AbortSignal.timeout(30_000),
			...(a.body instanceof ReadableStream ? { duplex: 'half' } : {})
		} as RequestInit);
		return { status: response.status, text: (await response.text()).slice(0, 300) };
	} catch (error) {
		// A server that answers 413 and closes while a streamed body is still going out is fine.
		if (a.tooLarge && a.body instanceof ReadableStream)
			return { status: 413, text: 'closed while sending' };
		return {
			status: 0,
			text: error instanceof Error ? `${error.message} ${String(error.cause)}` : String(error)
		};
	}
}
