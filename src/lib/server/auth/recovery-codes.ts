import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

export const recoveryCodeCount = 10;

/**
 * Ten codes of 80 random bits each, shown once as `abcd-efgh-ijkl-mnop`. They are stored as SHA-256,
 * like session tokens: at 80 bits nobody can search the codes from a hash, so a slow hash (argon2id,
 * needed for passwords people choose) would only make every use cost ten slow verifications.
 */
export function generateRecoveryCodes(): string[] {
	return Array.from({ length: recoveryCodeCount }, () =>
		encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10))).replace(
			/(.{4})(?=.)/g,
			'$1-'
		)
	);
}

/** A code as typed: any case, with or without its dashes and spaces. */
export function normalizeRecoveryCode(value: FormDataEntryValue | null): string {
	return typeof value === 'string' ? value.toLowerCase().replace(/[\s-]/g, '').slice(0, 40) : '';
}

export function hashRecoveryCode(code: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normalizeRecoveryCode(code))));
}
