import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * TOTP secrets are kept sealed with AES-256-GCM under TOTP_KEY, which lives in the server's
 * environment and never in the database: a copied backup, a sqld dump or a leaked Turso database
 * gives no one the staff's second factor. `context` (the user id) binds a sealed secret to its row.
 */
const version = 'v1';

export function sealSecret(key: Uint8Array, secret: Uint8Array, context: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	cipher.setAAD(Buffer.from(context));
	const sealed = Buffer.concat([cipher.update(secret), cipher.final()]);
	return [version, iv, sealed, cipher.getAuthTag()]
		.map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
		.join('.');
}

/** The secret, or an error when it was sealed under another key, for another row, or changed. */
export function openSecret(key: Uint8Array, sealed: string, context: string): Uint8Array {
	const [v, iv, data, tag] = sealed.split('.');
	if (v !== version || !iv || !data || !tag) throw new Error('not a sealed TOTP secret');
	const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
	decipher.setAAD(Buffer.from(context));
	decipher.setAuthTag(Buffer.from(tag, 'base64url'));
	return new Uint8Array(
		Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()])
	);
}

/** A fixed key for `vite dev` only, so that a development server starts without setting one. */
const developmentKey = new Uint8Array(32).fill(7);

/** TOTP_KEY: 32 random bytes in base64 (`openssl rand -base64 32`). Anything else is refused. */
export function readTotpKey(value: string | undefined, development = false): Uint8Array {
	if (!value && development) return developmentKey;
	const key = Buffer.from(value ?? '', 'base64');
	if (!value || key.length !== 32 || key.toString('base64') !== value.trim()) {
		throw new Error(
			'TOTP_KEY must be 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`; it seals the secrets of two-step verification'
		);
	}
	return new Uint8Array(key);
}
