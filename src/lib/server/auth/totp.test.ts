import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { describe, expect, it } from 'vitest';
import { keyUri, matchingStep, secretInGroups, stepAt, typedCode } from './totp';

/** RFC 6238, Appendix B: the SHA-1 seed and its 8-digit TOTP values at each time (seconds). */
const rfcKey = new TextEncoder().encode('12345678901234567890');
const rfcVectors: [number, string][] = [
	[59, '94287082'],
	[1111111109, '07081804'],
	[1111111111, '14050471'],
	[1234567890, '89005924'],
	[2000000000, '69279037'],
	[20000000000, '65353130']
];
const codeOf = (step: number) => generateHOTP(rfcKey, BigInt(step), 6);

describe('TOTP (RFC 6238, SHA-1, 30-second steps)', () => {
	it('makes the RFC test vectors, and accepts their 6-digit form at their time', () => {
		for (const [seconds, totp] of rfcVectors) {
			const step = stepAt(seconds * 1000);
			expect(generateHOTP(rfcKey, BigInt(step), 8)).toBe(totp);
			// 6 digits are the 8-digit value modulo 10^6: its last six digits.
			expect(matchingStep(rfcKey, totp.slice(-6), seconds * 1000, null)).toBe(step);
		}
	});

	it('accepts a code one step early or late, not two', () => {
		const step = stepAt(1111111111 * 1000);
		const code = codeOf(step);
		const at = (s: number) => s * 30_000 + 5_000;
		expect(matchingStep(rfcKey, code, at(step - 1), null)).toBe(step);
		expect(matchingStep(rfcKey, code, at(step + 1), null)).toBe(step);
		expect(matchingStep(rfcKey, code, at(step - 2), null)).toBeNull();
		expect(matchingStep(rfcKey, code, at(step + 2), null)).toBeNull();
	});

	it('refuses a code of a step already used, or of an earlier one', () => {
		const now = 1234567890 * 1000;
		const step = stepAt(now);
		expect(matchingStep(rfcKey, codeOf(step), now, step)).toBeNull();
		expect(matchingStep(rfcKey, codeOf(step - 1), now, step)).toBeNull();
		// The next step's code, typed as it appeared, is still new.
		expect(matchingStep(rfcKey, codeOf(step + 1), now, step)).toBe(step + 1);
	});

	it('refuses anything that is not 6 digits', () => {
		const now = 59_000;
		const right = codeOf(stepAt(now));
		for (const bad of ['', right.slice(1), `${right}0`, 'abcdef', ` ${right}`, '12 345'])
			expect(matchingStep(rfcKey, bad, now, null)).toBeNull();
		expect(typedCode(` ${right.slice(0, 3)} ${right.slice(3)} `)).toBe(right);
	});

	it('gives authenticator apps a standard otpauth URI and people the secret in groups of 4', () => {
		const uri = new URL(keyUri('admin.dt', rfcKey));
		expect(uri.protocol).toBe('otpauth:');
		expect(uri.host).toBe('totp');
		expect(decodeURIComponent(uri.pathname)).toBe('/An toàn mạng Đồng Tháp:admin.dt');
		expect(uri.search).not.toContain('+');
		expect(Object.fromEntries(uri.searchParams)).toEqual({
			issuer: 'An toàn mạng Đồng Tháp',
			algorithm: 'SHA1',
			secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
			period: '30',
			digits: '6'
		});
		const grouped = secretInGroups(rfcKey);
		expect(grouped).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
		expect(decodeBase32IgnorePadding(grouped.replaceAll(' ', ''))).toEqual(rfcKey);
	});
});
