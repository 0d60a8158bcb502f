import { dev } from '$app/environment';
import { readTotpKey } from './secret-box';

let key: Uint8Array | undefined;

/** TOTP_KEY, read once; a missing or malformed key stops the server at start-up (hooks.server.ts). */
export function totpKey(): Uint8Array {
	key ??= readTotpKey(process.env.TOTP_KEY, dev);
	return key;
}
