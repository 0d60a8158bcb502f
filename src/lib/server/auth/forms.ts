import { passwordProblem } from './password';
import { normalizeUsername, usernamePattern } from './users';

/** Reads a username + new password (+ confirmation) form; returns the i18n key of the first problem. */
export function readNewCredentials(
	form: FormData
): { username: string; password: string } | { problem: string; username: string } {
	const rawUsername = form.get('username');
	const password = form.get('password');
	const confirm = form.get('confirm');
	const username = typeof rawUsername === 'string' ? normalizeUsername(rawUsername) : '';
	if (!usernamePattern.test(username)) return { problem: 'account.badUsername', username };
	if (typeof password !== 'string' || typeof confirm !== 'string')
		return { problem: 'account.passwordTooShort', username };
	const problem = passwordProblem(password);
	if (problem)
		return {
			problem: problem === 'too-short' ? 'account.passwordTooShort' : 'account.passwordTooLong',
			username
		};
	if (password !== confirm) return { problem: 'account.passwordMismatch', username };
	return { username, password };
}
