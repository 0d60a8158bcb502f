/**
 * Bad input: thousands of malformed requests to every form action and endpoint, as each kind of person
 * (wrong types, missing and unknown fields, huge bodies, invalid UTF-8, wrong content types, forged ids,
 * negative numbers, SQL and script fragments, JSON bombs). Never a 5xx, the server stays up, bodies over
 * the limit get 413, and no row changes: every table is checksummed before and after (every 25 requests,
 * so a change is traced to a few requests). A seeded generator makes every run reproducible.
 */
import { createHash } from 'node:crypto';
import type { Client } from '@libsql/client';
import {
	eventFor,
	fmt,
	freshDatabase,
	lessons,
	makeStaff,
	newLearners,
	openClient,
	origin,
	prng,
	requireBuild,
	rollupsCaughtUp,
	startServer
} from './harness.ts';
import {
	everyone,
	formRoutes,
	getRoutes,
	lastAdminDemotion,
	queryValues,
	type Context,
	type FormRoute,
	type Who
} from './fuzz-routes.ts';
import { twoFactorRoutes } from './fuzz-two-factor.ts';
import {
	allBad,
	invalidUtf8,
	jsonBombs,
	numbers,
	sqlFragments,
	scriptFragments
} from './fuzz-values.ts';

/**
 * Tables left out of the checksum, and why: failed sign-ins, sign-ups and wrong join codes are counted
 * in rate_limits on purpose (that is the limit working).
 */
export const unchecked = ['rate_limits'];
const bodyLimit = 512 * 1024;
const checkEvery = 25;

type Rng = ReturnType<typeof prng>;
type Body = string | Buffer | URLSearchParams | FormData | ReadableStream<Uint8Array> | undefined;

interface Attempt {
	route: string;
	who: Who;
	mode: string;
	method: string;
	path: string;
	headers: Record<string, string>;
	body: Body;
	/** The body is over the limit and the route reads it: only 413 (or a refusal before reading) is right. */
	tooLarge?: boolean;
	/** The same body again, for a body that is read once (a stream) and must be sent again. */
	again?: () => Body;
}

async function snapshot(db: Client): Promise<Map<string, string>> {
	const tables = await db.execute(
		`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN (${unchecked.map(() => '?').join(', ')})`,
		unchecked
	);
	const sums = new Map<string, string>();
	for (const row of tables.rows) {
		const name = String(row[0]);
		const rows = await db.execute(`SELECT * FROM "${name}"`);
		const lines = rows.rows.map((r) => JSON.stringify(Array.from(r))).sort();
		sums.set(name, createHash('sha256').update(lines.join('\n')).digest('hex'));
	}
	return sums;
}

/**
 * Percent-encodes like encodeURIComponent, but a lone surrogate (one of the bad values) goes out as the
 * three bytes it would take in UTF-8 (WTF-8), which are not valid UTF-8: what a broken client sends.
 */
function encode(value: string): string {
	return Array.from(value, (ch) => {
		const unit = ch.charCodeAt(0);
		if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
			return [0xed, 0xa0 | ((unit >> 6) & 0x1f), 0x80 | (unit & 0x3f)]
				.map((b) => `%${b.toString(16).toUpperCase()}`)
				.join('');
		}
		return encodeURIComponent(ch);
	}).join('');
}

const changed = (a: Map<string, string>, b: Map<string, string>) =>
	[...b.keys()].filter((t) => a.get(t) !== b.get(t));

function encodeForm(fields: [string, string][], r: Rng): { body: Body; type?: string } {
	if (r.chance(0.3)) {
		const form = new FormData();
		for (const [k, v] of fields) form.append(k, v);
		return { body: form };
	}
	return {
		body: new URLSearchParams(fields).toString(),
		type: 'application/x-www-form-urlencoded'
	};
}

/** A form body with raw bytes that are not UTF-8 spliced into one value (or percent-encoded). */
function invalidUtf8Form(fields: [string, string][], r: Rng): Buffer {
	const at = r.int(Math.max(1, fields.length));
	const parts = fields.map(([k, v], i) =>
		i === at
			? Buffer.concat([
					Buffer.from(`${encode(k)}=`),
					r.chance(0.5) ? r.pick(invalidUtf8) : Buffer.from('%ff%fe%c0%af'),
					Buffer.from(encode(v))
				])
			: Buffer.from(`${encode(k)}=${encode(v)}`)
	);
	if (!fields.length) parts.push(Buffer.concat([Buffer.from('x='), r.pick(invalidUtf8)]));
	return Buffer.concat(parts.flatMap((p, i) => (i ? [Buffer.from('&'), p] : [p])));
}

function hugeBody(r: Rng): { body: Body; type: string; again?: () => Body } {
	const size = bodyLimit + 1 + r.int(2 * bodyLimit);
	if (r.chance(0.3)) {
		// No content-length: the limit must hold while the body streams in.
		const chunk = Buffer.alloc(64 * 1024, 'a');
		const stream = () => {
			let sent = 0;
			return new ReadableStream<Uint8Array>({
				pull(controller) {
					if (sent >= size) return controller.close();
					sent += chunk.length;
					controller.enqueue(sent === chunk.length ? Buffer.from(`x=${chunk}`) : chunk);
				}
			});
		};
		return { type: 'application/x-www-form-urlencoded', body: stream(), again: stream };
	}
	return { type: 'application/x-www-form-urlencoded', body: `x=${'a'.repeat(size)}` };
}

function formAttempt(route: FormRoute, c: Context, cookies: Record<Who, string>, r: Rng): Attempt {
	const who = r.pick(everyone);
	const harmless = route.alwaysHarmless || (route.harmlessFor?.(c).includes(who) ?? false);
	const forged = route.forgedPaths?.(c) ?? [];
	let mode = r.pick([
		'fields',
		'fields',
		'fields',
		'fields',
		'utf8',
		'huge',
		'ctype',
		'origin',
		'method',
		'forged'
	]);
	if (mode === 'forged' && !forged.length) mode = 'fields';
	if (route.ignoresBody && !harmless && mode !== 'forged' && mode !== 'method') {
		mode = r.pick(['origin', 'ctype']);
		// text/plain and multipart are form types: only a foreign origin or a non-form type stops these.
	}
	if (!route.fields && !harmless && mode === 'fields') mode = 'origin';
	const path = mode === 'forged' ? r.pick(forged) : route.path(c);
	let fields: [string, string][] = route.fields?.(c) ?? [];
	if (route.name.includes('setRole') && r.chance(0.15)) fields = lastAdminDemotion(c);
	else {
		fields = fields.map(([k, v]) => (r.chance(0.25) ? [k, r.pick(allBad)] : [k, v]));
		if (fields.length && r.chance(0.15)) fields.splice(r.int(fields.length), 1);
		if (r.chance(0.15)) {
			fields.push([
				r.pick(['score', 'passed', 'role', 'organizationId', 'learnerId', 'id', '__proto__']),
				r.pick(['100', 'true', 'admin', ...sqlFragments])
			]);
		}
		if (fields.length && r.chance(0.15)) fields.push([r.pick(fields)[0], r.pick(allBad)]);
		const breakers = route.breakers?.(c) ?? {};
		const keys = Object.keys(breakers);
		if (keys.length && (!harmless || r.chance(0.5))) {
			const key = r.pick(keys);
			fields = [[key, r.pick(breakers[key]!)], ...fields.filter(([k]) => k !== key)];
		}
	}
	const headers: Record<string, string> = r.chance(0.8)
		? { origin, accept: 'text/html' }
		: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' };
	if (cookies[who]) headers.cookie = cookies[who];
	let body: Body;
	let type: string | undefined;
	let tooLarge = false;
	let again: (() => Body) | undefined;
	if (mode === 'huge') {
		({ body, type, again } = hugeBody(r));
		tooLarge = !route.ignoresBody;
	} else if (mode === 'utf8') {
		body = invalidUtf8Form(fields, r);
		type = 'application/x-www-form-urlencoded';
	} else if (mode === 'ctype') {
		body = new URLSearchParams(fields).toString();
		type =
			route.ignoresBody && !harmless
				? r.pick(['application/json', 'application/xml'])
				: r.pick(['text/plain', 'application/json', 'application/xml', 'multipart/form-data', '']);
		if (type === 'application/json') body = JSON.stringify(Object.fromEntries(fields));
	} else {
		({ body, type } = encodeForm(fields, r));
		if (mode === 'origin') {
			headers.origin = r.pick(['https://evil.example', 'null', `${origin}.evil.example`]);
			if (!type)
				({ body, type } = {
					body: new URLSearchParams(fields).toString(),
					type: 'application/x-www-form-urlencoded'
				});
		}
	}
	if (type !== undefined) headers['content-type'] = type;
	const method = mode === 'method' ? r.pick(['PUT', 'PATCH', 'DELETE']) : 'POST';
	return { route: route.name, who, mode, method, path, headers, body, tooLarge, again };
}

function apiAttempt(c: Context, cookies: Record<Who, string>, r: Rng): Attempt {
	const who: Who = r.chance(0.6) ? 'learner' : r.pick(everyone);
	const mode = r.pick([
		'events',
		'events',
		'events',
		'events',
		'bomb',
		'huge',
		'utf8',
		'ctype',
		'method'
	]);
	const lesson = lessons.find((l) => l.course === c.course && l.lesson === c.lesson)!;
	const question = c.questions[0]!.id;
	const breakers: ((e: Record<string, unknown>) => void)[] = [
		(e) =>
			(e.id = r.pick([
				'x',
				'',
				42,
				null,
				...sqlFragments,
				crypto.randomUUID().replaceAll('-', '')
			])),
		(e) => (e.id = c.othersEvent),
		(e) =>
			Object.assign(e, {
				id: c.ownEvent,
				type: 'lesson_completed',
				course: c.course,
				lesson: c.lesson
			}),
		(e) => (e.type = r.pick(['lesson_started', 'quiz_passed', 1, null, ...scriptFragments])),
		(e) => (e.course = r.pick(['no-such-course', 7, '', ...sqlFragments])),
		(e) => (e.lesson = r.pick(['no-such-lesson', -1, 'x'.repeat(81)])),
		(e) =>
			(e.occurredAt = r.pick([
				-1,
				0,
				1.5,
				'2021-12-31T23:59:59Z',
				Date.now() + 3_600_000,
				'yesterday',
				'1e400',
				true,
				Number.MAX_SAFE_INTEGER,
				...numbers
			])),
		(e) =>
			Object.assign(e, {
				[r.pick(['score', 'passed', 'learnerId', 'regionId', 'campaign'])]: r.pick([
					100,
					true,
					'dong-thap-2026:29971',
					c.staff.campaignA
				])
			}),
		(e) => delete e[r.pick(['id', 'type', 'course', 'lesson', 'occurredAt'])],
		(e) =>
			Object.assign(e, {
				type: 'quiz_submitted',
				answers: r.pick<unknown>([
					'a',
					[],
					{ [question]: 'a' },
					{ [question]: ['zz'] },
					{ 'no-such-question': ['a'] },
					{ [question]: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] },
					Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`q${i}`, ['a']])),
					{ [question]: [{ $gt: '' }] },
					null
				])
			})
	];
	const brokenEvent = (n: number) => {
		const e = eventFor(lesson, n, Date.now()) as Record<string, unknown>;
		r.pick(breakers)(e);
		return e;
	};
	const headers: Record<string, string> = { origin, 'content-type': 'application/json' };
	if (cookies[who]) headers.cookie = cookies[who];
	let body: Body;
	let tooLarge = false;
	if (mode === 'bomb') body = r.pick(jsonBombs());
	else if (mode === 'huge') {
		body = JSON.stringify({
			events: [{ ...brokenEvent(0), pad: 'x'.repeat(bodyLimit + r.int(bodyLimit)) }]
		});
		tooLarge = who === 'learner';
	} else if (mode === 'utf8') {
		const [before, after] = JSON.stringify({ events: [brokenEvent(1)] }).split('"id":"');
		body = Buffer.concat([
			Buffer.from(`${before}"id":"`),
			r.pick(invalidUtf8),
			Buffer.from(after ?? '')
		]);
	} else {
		const events = Array.from({ length: 1 + r.int(5) }, (_, i) => brokenEvent(i));
		const batch: Record<string, unknown> = { events };
		if (r.chance(0.1)) batch.learner = 'someone-else';
		if (r.chance(0.05)) batch.events = Array.from({ length: 101 }, (_, i) => brokenEvent(i));
		body = JSON.stringify(batch);
		if (mode === 'ctype') {
			headers['content-type'] = r.pick([
				'text/plain',
				'application/x-www-form-urlencoded',
				'application/xml',
				''
			]);
		}
	}
	const method = mode === 'method' ? r.pick(['GET', 'PUT', 'PATCH', 'DELETE']) : 'POST';
	if (method === 'GET') body = undefined;
	return {
		route: 'POST /api/events',
		who,
		mode,
		method,
		path: '/api/events',
		headers,
		body,
		tooLarge
	};
}

function getAttempt(
	route: (typeof getRoutes)[number],
	c: Context,
	cookies: Record<Who, string>,
	r: Rng
): Attempt {
	const who = r.pick(everyone);
	let path = r.pick(route.paths(c));
	const query = (route.query ?? [])
		.filter(() => r.chance(0.6))
		.map((q) => `${q}=${encode(r.pick(queryValues))}`);
	if (r.chance(0.1))
		query.push(`${r.pick(['x', 'page', '__proto__'])}=${r.pick(['%ff', '%', '%E0%A4%A', '-1'])}`);
	if (r.chance(0.1))
		path += r.pick(['%ff', '%', '/%2e%2e/%2e%2e/etc/passwd', '/x'.repeat(200), '%00']);
	if (query.length) path += `${path.includes('?') ? '&' : '?'}${query.join('&')}`;
	const headers: Record<string, string> = {};
	if (cookies[who]) headers.cookie = cookies[who];
	if (r.chance(0.1)) headers['accept-language'] = r.pick(['xx', '*;q=-1', 'vi'.repeat(1000)]);
	return { route: route.name, who, mode: 'get', method: 'GET', path, headers, body: undefined };
}

async function send(a: Attempt): Promise<{ status: number; text: string }> {
	try {
		const response = await fetch(`${origin}${a.path}`, {
			method: a.method,
			headers: a.headers,
			body: a.body,
			redirect: 'manual',
			signal: AbortSignal.timeout(30_000),
			...(a.body instanceof ReadableStream ? { duplex: 'half' } : {})
		} as RequestInit);
		return { status: response.status, text: (await response.text()).slice(0, 300) };
	} catch (error) {
		// A server that answers 413 and closes while a streamed body is still going out is fine.
		if (a.tooLarge && a.body instanceof ReadableStream)
			return { status: 413, text: 'closed while sending' };
		return {
			status: 0,
			text: error instanceof Error ? `${error.message} ${String(error.cause)}` : String(error)
		};
	}
}

/** Sets up the people and things to forge against; returns their cookies and ids. */
async function setUp(db: Client): Promise<{ c: Context; cookies: Record<Who, string> }> {
	const staff = await makeStaff(db);
	const [learner, other] = await newLearners(2);
	const lesson = lessons[0]!;
	const postOne = async (cookie: string) => {
		const event = eventFor(lesson, 0, Date.now());
		const response = await fetch(`${origin}/api/events`, {
			method: 'POST',
			body: JSON.stringify({ events: [event] }),
			headers: { 'content-type': 'application/json', origin, cookie }
		});
		if (response.status !== 200) throw new Error(`set-up event: ${response.status}`);
		return event.id;
	};
	const ownEvent = await postOne(learner!);
	const othersEvent = await postOne(other!);
	const ids = await db.execute(
		"SELECT (SELECT id FROM invites WHERE used_at IS NOT NULL LIMIT 1), (SELECT id FROM users WHERE role = 'admin'), (SELECT id FROM users WHERE username = 'stress-org-b')"
	);
	const [usedInvite, adminId, organizerBId] = Array.from(ids.rows[0]!).map(String) as [
		string,
		string,
		string
	];
	// The set-up's own events are folded into the rollups before the first checksum is taken.
	if (!(await rollupsCaughtUp(db)))
		throw new Error('the rollups did not catch up after the set-up');
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(
		new Date()
	);
	return {
		c: {
			staff,
			course: lesson.course,
			lesson: lesson.lesson,
			questions: lesson.quiz.questions.map((q) => ({ id: q.id, options: q.optionIds })),
			ownEvent,
			othersEvent,
			usedInvite,
			adminId,
			organizerBId,
			today
		},
		cookies: {
			anonymous: '',
			learner: learner!,
			organizerA: staff.organizerA,
			organizerB: staff.organizerB,
			analyst: staff.analyst,
			admin: staff.admin
		}
	};
}

export async function fuzzTest(short: boolean) {
	requireBuild();
	const total = Number(process.env.STRESS_FUZZ_REQUESTS ?? (short ? 1500 : 10_000));
	const seed = Number(process.env.STRESS_SEED ?? 355);
	const r = prng(seed);
	const url = freshDatabase('fuzz');
	const db = await openClient(url);
	const server = await startServer(url);
	try {
		const { c, cookies } = await setUp(db);
		type Target = () => Attempt;
		const targets: Target[] = [
			...[...formRoutes, ...twoFactorRoutes].map(
				(route) => () => formAttempt(route, c, cookies, r)
			),
			...Array.from({ length: 4 }, () => () => apiAttempt(c, cookies, r)),
			...getRoutes.map((route) => () => getAttempt(route, c, cookies, r))
		];
		const histogram = new Map<string, Map<number, number>>();
		const problems: string[] = [];
		let tooLargeSeen = 0;
		let resets = 0;
		let window: string[] = [];
		let before = await snapshot(db);
		const started = Date.now();
		// STRESS_FUZZ_ONLY=12,345 replays only those requests of the seeded sequence (to reproduce a finding).
		const only = new Set(
			(process.env.STRESS_FUZZ_ONLY ?? '').split(',').filter(Boolean).map(Number)
		);
		for (let i = 0; i < total; i++) {
			const attempt = targets[i % targets.length]!();
			if (only.size && !only.has(i)) continue;
			let { status, text } = await send(attempt);
			// A keep-alive connection the server had just closed (after refusing a huge body unread, it does
			// not keep the connection) resets the next request on it: sent again once, and counted.
			if (status === 0 && /ECONNRESET|other side closed/.test(text) && !attempt.tooLarge) {
				resets++;
				({ status, text } = await send(
					attempt.again ? { ...attempt, body: attempt.again() } : attempt
				));
			}
			if (only.size)
				console.log(`#${i}`, status, text.slice(0, 200), String(attempt.body).slice(0, 600));
			const what = `#${i} ${attempt.route} as ${attempt.who} (${attempt.mode}, ${attempt.method} ${attempt.path.slice(0, 120)})`;
			window.push(what);
			const counts = histogram.get(attempt.route) ?? new Map<number, number>();
			counts.set(status, (counts.get(status) ?? 0) + 1);
			histogram.set(attempt.route, counts);
			if (status === 0 || status >= 500) problems.push(`${what} → ${status}: ${text}`);
			if (server.process.exitCode !== null || server.process.signalCode !== null) {
				problems.push(`the server died after ${what}`);
				break;
			}
			if (attempt.tooLarge) {
				if (status === 413) tooLargeSeen++;
				// Refused before the body is read (sign in first, not allowed, no such thing) is fine too.
				else if (![303, 401, 403, 404, 405].includes(status)) {
					problems.push(`${what}: a body over ${bodyLimit} bytes answered ${status}, not 413`);
				}
			}
			if (only.size || (i + 1) % checkEvery === 0 || i === total - 1) {
				const after = await snapshot(db);
				const tables = changed(before, after);
				if (tables.length)
					problems.push(
						`rows changed in ${tables.join(', ')} by one of:\n    ${window.join('\n    ')}`
					);
				before = after;
				window = [];
			}
		}
		const seconds = (Date.now() - started) / 1000;
		const alive = await fetch(`${origin}/`)
			.then((res) => res.status)
			.catch(() => 0);
		if (alive !== 200 || server.process.exitCode !== null)
			problems.push(`the server is not answering after the run (${alive})`);

		console.log(
			`fuzz: ${fmt(total)} malformed requests in ${seconds.toFixed(1)} s over ${histogram.size} routes, seed ${seed}`
		);
		for (const [route, counts] of [...histogram].sort()) {
			const n = [...counts.values()].reduce((a, b) => a + b, 0);
			const statuses = [...counts]
				.sort(([a], [b]) => a - b)
				.map(([s, k]) => `${s}×${k}`)
				.join(' ');
			console.log(`  ${route.padEnd(44)} ${String(n).padStart(5)}  ${statuses}`);
		}
		console.log(
			`  bodies over the ${bodyLimit / 1024} KiB limit answered 413: ${tooLargeSeen}; tables checked: every one but ${unchecked.join(', ')}`
		);
		console.log(`  connections reset by the server and the request sent again: ${resets}`);
		if (problems.length) {
			throw new Error(
				`fuzz test failed (${problems.length} problems):\n${problems.slice(0, 30).join('\n')}\nserver stderr:\n${server.stderr().slice(-4000)}`
			);
		}
		return { total, routes: histogram.size, tooLargeSeen, resets };
	} finally {
		db.close();
		await server.stop();
	}
}
