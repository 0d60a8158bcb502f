import { limitNames } from '../src/lib/server/limits.ts';
import { spawn, spawnSync } from 'node:child_process';

/**
 * Runs a command to completion with extra environment: its output, or it throws with the output when it
 * fails. With `succeed` false the command must fail, and its output is returned.
 */
export function run(
	command: string,
	args: string[],
	env: Record<string, string>,
	input?: string,
	succeed = true
): string {
	const result = spawnSync(command, args, {
		env: { ...process.env, ...env },
		input,
		encoding: 'utf8'
	});
	const output = `${result.stdout}${result.stderr}`;
	if (succeed === (result.status === 0)) return succeed ? result.stdout : output;
	throw new Error(
		`${command} ${args.join(' ')} ${succeed ? 'failed' : 'should have failed'} (${result.status}):\n${output}`
	);
}

/**
 * `run` without blocking the event loop: a script that holds kept-alive connections to a server
 * must let them see the server close them while the command runs, or its next request goes out on a
 * socket the server already closed ("other side closed").
 */
export function runAsync(
	command: string,
	args: string[],
	env: Record<string, string>
): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { env: { ...process.env, ...env } });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (status) =>
			status === 0
				? resolve(stdout)
				: reject(new Error(`${command} ${args.join(' ')} failed (${status}):\n${stdout}${stderr}`))
		);
	});
}

type LimitName = (typeof limitNames)[number];

/**
 * A test server's own limits, as RATE_LIMITS: every limit the app has is lifted (all the test's
 * requests come from 127.0.0.1, as fast as the machine can send them), except those the test sets to
 * probe them, as [max, seconds].
 */
export function testLimits(
	set: Partial<Record<LimitName, readonly [number, number]>> = {}
): string {
	return limitNames
		.map((name) => {
			const [max, seconds] = set[name] ?? [100_000_000, 60];
			return `${name}=${max}/${seconds}`;
		})
		.join(',');
}

/** The TOTP_KEY of every test server: 32 bytes that say what they are. */
export const testTotpKey = Buffer.from('test-only TOTP key, never deploy').toString('base64');

/**
 * The environment the test and bench scripts start `node build` with: one database, loopback only,
 * the test's own limits (lifted unless `extra` sets RATE_LIMITS), the test TOTP_KEY.
 */
export function serverEnv(
	url: string,
	port: number,
	extra: Record<string, string> = {}
): NodeJS.ProcessEnv {
	return {
		...process.env,
		DATABASE_URL: url,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: `http://127.0.0.1:${port}`,
		RATE_LIMITS: testLimits(),
		TOTP_KEY: testTotpKey,
		// A robot reads a lesson in a second; it must still open it first (tests/e2e checks the holds).
		READING_PACE: '0',
		// No daily retirement a minute after start-up: generated provinces date their learners years
		// back, and a test server's background writes are the test's choice (retire*.test.ts test it).
		RETENTION_YEARS: '0',
		...extra
	};
}
