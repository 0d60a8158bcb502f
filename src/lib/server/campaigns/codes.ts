/** 32 letters and digits that cannot be mistaken for each other when read off a poster (no 0/O, 1/I). */
const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const joinCodeLength = 8;
export const joinCodePattern = /^[A-HJ-NP-Z2-9]{8}$/;

/** 8 symbols × 5 bits = 40 random bits: unguessable at the join endpoint's rate limit. */
export function generateCode(length = joinCodeLength): string {
	const bytes = new Uint8Array(length);
	crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => alphabet[b & 31]).join('');
}

/** People type codes in lower case, with spaces or dashes: accept that. */
export function normalizeCode(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '');
}
