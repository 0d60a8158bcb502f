import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';

/** RFC 6238 as every authenticator app reads it: HMAC-SHA-1, 6 digits, 30-second steps. */
export const totpPeriodS = 30;
export const totpDigits = 6;
/** The app's name in authenticator apps; it never changes with the language. */
const issuer = 'An toàn mạng Đồng Tháp';

/** The time step a moment falls in (RFC 6238's T). */
export const stepAt = (now: number) => Math.floor(now / (totpPeriodS * 1000));

/** A new 160-bit key, the length RFC 4226 recommends. */
export function generateTotpKey(): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(20));
}

/**
 * The step a code belongs to, if it is right for the step of `now` or one step either side (a phone's
 * clock a little off, a code typed as it changed) and later than `after`, the last step accepted: a
 * code is never accepted twice. Null otherwise.
 */
export function matchingStep(
	key: Uint8Array,
	code: string,
	now: number,
	after: number | null
): number | null {
	if (!/^\d{6}$/.test(code)) return null;
	const current = stepAt(now);
	for (const step of [current - 1, current, current + 1]) {
		if (after !== null && step <= after) continue;
		if (verifyHOTP(key, BigInt(step), totpDigits, code)) return step;
	}
	return null;
}

/** A typed code without the spaces people put in it ("123 456"). */
export const typedCode = (value: FormDataEntryValue | null) =>
	typeof value === 'string' ? value.replace(/[\s-]/g, '').slice(0, 20) : '';

/** The otpauth:// URI that authenticator apps scan. */
export function keyUri(username: string, key: Uint8Array): string {
	// URLSearchParams writes the issuer's spaces as "+", which some apps show as is; %20 is read by all.
	return createTOTPKeyURI(issuer, username, key, totpPeriodS, totpDigits).replaceAll('+', '%20');
}

/** The secret as people type it into an app by hand: base32 in groups of 4. */
export function secretInGroups(key: Uint8Array): string {
	return encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, '$1 ');
}
