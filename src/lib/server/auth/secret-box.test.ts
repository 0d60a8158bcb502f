import { describe, expect, it } from 'vitest';
import { openSecret, readTotpKey, sealSecret } from './secret-box';

const key = crypto.getRandomValues(new Uint8Array(32));
const secret = crypto.getRandomValues(new Uint8Array(20));

describe('TOTP secrets at rest', () => {
	it('are sealed (never in clear, a fresh nonce each time) and open with the key and the row', () => {
		const sealed = sealSecret(key, secret, 'user-1');
		expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
		expect(sealed).not.toContain(Buffer.from(secret).toString('base64url'));
		expect(sealSecret(key, secret, 'user-1')).not.toBe(sealed);
		expect(openSecret(key, sealed, 'user-1')).toEqual(secret);
	});

	it('do not open under another key, for another row, or changed', () => {
		const sealed = sealSecret(key, secret, 'user-1');
		const other = crypto.getRandomValues(new Uint8Array(32));
		expect(() => openSecret(other, sealed, 'user-1')).toThrow();
		expect(() => openSecret(key, sealed, 'user-2')).toThrow();
		const [v, iv, data, tag] = sealed.split('.');
		const flipped = Buffer.from(data!, 'base64url');
		flipped[0]! ^= 1;
		expect(() =>
			openSecret(key, [v, iv, flipped.toString('base64url'), tag].join('.'), 'user-1')
		).toThrow();
		expect(() => openSecret(key, 'plain', 'user-1')).toThrow();
	});

	it('need TOTP_KEY as 32 bytes of base64, except on a development server', () => {
		const value = Buffer.from(key).toString('base64');
		expect(readTotpKey(value)).toEqual(key);
		expect(readTotpKey(`${value}\n`)).toEqual(key);
		for (const bad of [undefined, '', 'short', Buffer.alloc(16).toString('base64'), `${value}!`])
			expect(() => readTotpKey(bad)).toThrow(/TOTP_KEY must be 32 random bytes/);
		expect(readTotpKey(undefined, true)).toHaveLength(32);
	});
});
