import { spawnSync } from 'node:child_process';

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

/** The environment the test and bench scripts start `node build` with: one database, loopback only. */
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
		...extra
	};
}
