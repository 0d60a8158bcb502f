/** The fuzzer's malformed batches to POST /api/events: broken events, JSON bombs, huge bodies. */
import { eventFor, lessons, origin } from './harness.ts';
import { everyone, type Context, type Who } from './fuzz-routes-common.ts';
import { invalidUtf8, jsonBombs, numbers, sqlFragments, scriptFragments } from './fuzz-values.ts';
import { bodyLimit, type Attempt, type Body, type Rng } from './fuzz-attempt.ts';

export function apiAttempt(c: Context, cookies: Record<Who, string>, r: Rng): Attempt {
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
