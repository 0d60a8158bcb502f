import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Keys whose values never reach a log line, at the top level or one level down (pino's redaction).
 * This is a safety net: the app logs route ids, statuses and timings, and never passes these on purpose.
 */
const secretKeys = [
	'password',
	'confirm',
	'token',
	'cookie',
	'cookies',
	'authorization',
	'username',
	'name',
	'ip',
	'address'
];
const redactPaths = [
	...secretKeys,
	...secretKeys.map((key) => `*.${key}`),
	'headers["set-cookie"]',
	'*.headers["set-cookie"]'
];

/**
 * drizzle's query errors end with the statement's parameters (`params: name,hash,...`), which may be a
 * sign-in name or a token hash: the message keeps the SQL, not the values.
 */
function scrub(text: string | undefined): string | undefined {
	return text?.replace(/^params:.*$/gm, 'params: [redacted]');
}

interface LoggedError {
	type: string;
	message?: string;
	code?: string;
	stack?: string;
	cause?: LoggedError;
}

export function serializeError(error: unknown, depth = 0): LoggedError {
	if (!(error instanceof Error)) return { type: typeof error };
	const code = (error as { code?: unknown }).code;
	return {
		type: error.name,
		message: scrub(error.message),
		...(typeof code === 'string' ? { code } : {}),
		stack: scrub(error.stack),
		...(error.cause !== undefined && depth < 3
			? { cause: serializeError(error.cause, depth + 1) }
			: {})
	};
}

/** One JSON object a line on stdout (or LOG_FILE), at LOG_LEVEL (default info). */
export function createLogger(destination?: DestinationStream, level?: string): Logger {
	return pino(
		{
			level: level ?? process.env.LOG_LEVEL ?? 'info',
			// No hostname or pid: one process per container, and the host name says nothing useful.
			base: undefined,
			timestamp: pino.stdTimeFunctions.isoTime,
			formatters: { level: (label) => ({ level: label }) },
			serializers: { err: serializeError },
			redact: { paths: redactPaths, censor: '[redacted]' }
		},
		destination ??
			(process.env.LOG_FILE
				? pino.destination({ dest: process.env.LOG_FILE, mkdir: true, sync: false })
				: pino.destination(1))
	);
}

export const log = createLogger();

/** Accepts a caller's request id (a proxy's, say) when it looks like one; otherwise makes a new one. */
export function requestIdFrom(header: string | null): string {
	return header && /^[A-Za-z0-9._:-]{8,100}$/.test(header) ? header : randomUUID();
}
