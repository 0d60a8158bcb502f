import { describe, expect, it } from 'vitest';
import { createLogger, requestIdFrom, serializeError } from './log';

function capture() {
	const lines: Record<string, unknown>[] = [];
	const logger = createLogger(
		{ write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
		'info'
	);
	return { logger, lines, text: () => JSON.stringify(lines) };
}

describe('logger', () => {
	it('writes one JSON object a line with an ISO time and a level name', () => {
		const { logger, lines } = capture();
		logger.info({ requestId: 'r-1234567', route: '/join/[code]', status: 200 }, 'request');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({ level: 'info', msg: 'request', route: '/join/[code]' });
		expect(String(lines[0]!.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect(lines[0]).not.toHaveProperty('hostname');
	});

	it('redacts passwords, tokens, cookies, names and addresses even when passed by mistake', () => {
		const { logger, text } = capture();
		logger.warn(
			{
				password: 'hunter2-secret',
				username: 'nguyen.van.a',
				form: { password: 'hunter2-secret', confirm: 'hunter2-secret', name: 'Nguyễn Văn A' },
				headers: { cookie: 'session=abc123secret', 'set-cookie': 'learner=tok' },
				invite: { token: 'invitetoken1234' },
				ip: '203.0.113.9'
			},
			'oops'
		);
		for (const secret of [
			'hunter2-secret',
			'nguyen.van.a',
			'Nguyễn Văn A',
			'abc123secret',
			'learner=tok',
			'invitetoken1234',
			'203.0.113.9'
		]) {
			expect(text()).not.toContain(secret);
		}
		expect(text()).toContain('[redacted]');
	});

	it('keeps an error’s SQL and stack but drops the query parameters drizzle appends', () => {
		const cause = Object.assign(new Error('SQLITE_CONSTRAINT'), { code: 'SQLITE_CONSTRAINT' });
		const error = new Error(
			'Failed query: select * from users where username = ?\nparams: an.name',
			{
				cause
			}
		);
		const { logger, text } = capture();
		logger.error({ err: error }, 'failed');
		expect(text()).toContain('Failed query: select * from users');
		expect(text()).not.toContain('an.name');
		expect(serializeError(error).cause).toMatchObject({ code: 'SQLITE_CONSTRAINT' });
		expect(serializeError('a string')).toEqual({ type: 'string' });
	});

	it('stays quiet below its level', () => {
		const lines: string[] = [];
		const logger = createLogger({ write: (line: string) => void lines.push(line) }, 'warn');
		logger.info('not written');
		logger.warn('written');
		expect(lines).toHaveLength(1);
	});
});

describe('request ids', () => {
	it('keeps a sane incoming id and replaces anything else', () => {
		expect(requestIdFrom('abc-123_DEF.456')).toBe('abc-123_DEF.456');
		for (const bad of [null, '', 'short', 'has space in it', 'x'.repeat(101), 'a\nb=cdefghij']) {
			const id = requestIdFrom(bad);
			expect(id).not.toBe(bad);
			expect(id).toMatch(/^[0-9a-f-]{36}$/);
		}
	});
});
