/**
 * `npm run admin:create -- <username>`: creates an admin account on a fresh install. The password is
 * read from standard input (typed at a prompt, or piped: `printf '%s\n' "$PASSWORD" | npm run ...`).
 */
import { createInterface } from 'node:readline/promises';
import { audit } from '../audit.ts';
import { passwordLength, passwordProblem } from '../auth/password.ts';
import { createUser, normalizeUsername, usernamePattern } from '../auth/users.ts';
import { openDatabase } from '../db/client.ts';
import { applyMigrations } from '../db/migrate.ts';

function fail(message: string): never {
	console.error(`admin:create failed: ${message}`);
	process.exit(1);
}

/** Typed at a terminal: read without echo. Piped: the first line. */
async function readPassword(): Promise<string> {
	const stdin = process.stdin;
	if (!stdin.isTTY) {
		const rl = createInterface({ input: stdin, terminal: false });
		for await (const line of rl) {
			rl.close();
			return line;
		}
		return '';
	}
	process.stdout.write('Password for the new admin (not shown): ');
	stdin.setRawMode(true);
	stdin.setEncoding('utf8');
	return new Promise((resolve) => {
		let value = '';
		const onData = (chunk: string) => {
			for (const c of chunk) {
				if (c === '\r' || c === '\n') {
					stdin.setRawMode(false);
					stdin.off('data', onData);
					stdin.pause();
					process.stdout.write('\n');
					resolve(value);
					return;
				}
				if (c === '\u0003') process.exit(130);
				value = c === '\u007f' ? value.slice(0, -1) : value + c;
			}
		};
		stdin.on('data', onData);
		stdin.resume();
	});
}

const username = normalizeUsername(process.argv[2] ?? '');
if (!usernamePattern.test(username)) {
	fail(
		'give a username of 3 to 40 characters (a-z, 0-9, dot, dash, underscore, @): npm run admin:create -- <username>'
	);
}
const password = await readPassword();
const problem = passwordProblem(password);
if (problem)
	fail(`the password must be ${passwordLength.min} to ${passwordLength.max} characters long`);

try {
	const database = await openDatabase();
	await applyMigrations(database.db);
	const user = await createUser(database.db, { username, password, role: 'admin' });
	if (!user) fail(`an account named "${username}" already exists; nothing was changed`);
	await audit(database.db, { id: user.id, username }, 'admin.created-from-command-line', user.id);
	console.log(
		`Created admin account "${username}" in ${database.url.split('?')[0]}. Sign in at /account/signin.`
	);
	database.client.close();
} catch (error) {
	fail(error instanceof Error ? error.message : String(error));
}
