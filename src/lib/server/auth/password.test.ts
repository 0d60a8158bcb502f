import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyAgainstDecoy, verifyPassword } from './password';

describe('passwords', () => {
	it('hashes with argon2id and a fresh salt, and verifies only the right password', async () => {
		const hash = await hashPassword('correct horse battery staple');
		expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await hashPassword('correct horse battery staple')).not.toBe(hash);
		expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
		expect(await verifyPassword(hash, 'correct horse battery stapl')).toBe(false);
		expect(await verifyPassword('not a hash', 'x')).toBe(false);
	});

	it('does the same work for an unknown user and always says no', async () => {
		expect(await verifyAgainstDecoy('anything at all')).toBe(false);
	});

	it('wants 10 to 200 characters', () => {
		expect(passwordProblem('short')).toBe('too-short');
		expect(passwordProblem('x'.repeat(201))).toBe('too-long');
		expect(passwordProblem('ten chars!')).toBeNull();
	});
});
