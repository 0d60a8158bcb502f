/** The fuzzer's form routes of learners and accounts: /start, lessons, sign-in, invites, /me. */
import { sqlFragments, scriptFragments, unknownIds } from './fuzz-values.ts';
import {
	everyone,
	forgedLessons,
	lessonPath,
	type Context,
	type FormRoute
} from './fuzz-routes-common.ts';

const eventIds = (c: Context) => [
	'not-a-uuid',
	'',
	'00000000000000000000000000000000',
	`${crypto.randomUUID()}x`,
	...sqlFragments,
	c.othersEvent
];

export const learnerRoutes: FormRoute[] = [
	{
		name: 'POST /start',
		path: () => '/start',
		fields: () => [
			['region', 'dong-thap-2026:29869'],
			['ageBand', ''],
			['next', '/']
		],
		breakers: () => ({
			region: [...unknownIds, ...sqlFragments, ''],
			ageBand: ['0-14', '-1', '99']
		}),
		harmlessFor: () => ['learner']
	},
	{
		name: 'POST /language',
		path: () => '/language',
		fields: () => [
			['locale', 'en'],
			['next', '/']
		],
		alwaysHarmless: true
	},
	{
		name: 'POST lesson ?/complete',
		path: (c) => `${lessonPath(c)}?/complete`,
		forgedPaths: (c) => forgedLessons(c, '?/complete'),
		fields: (c) => [['eventId', c.ownEvent]],
		// Resending one's own event id is a duplicate: nothing is written.
		breakers: (c) => ({ eventId: eventIds(c), score: ['100'], passed: ['true'] })
	},
	{
		name: 'POST quiz ?/submit',
		path: (c) => `${lessonPath(c)}/quiz?/submit`,
		forgedPaths: (c) => forgedLessons(c, '/quiz?/submit'),
		fields: (c) => [
			['eventId', crypto.randomUUID()],
			...c.questions.map((q): [string, string] => [`q.${q.id}`, q.options[0]!])
		],
		breakers: (c) => ({
			eventId: eventIds(c),
			score: ['100'],
			passed: ['true'],
			[`q.${c.questions[0]!.id}`]: ['zz', 'x'.repeat(80), ...sqlFragments],
			'q.no-such-question': ['a']
		})
	},
	{
		name: 'POST /account/signin',
		path: () => '/account/signin',
		fields: () => [
			['username', 'stress-admin'],
			['password', 'wrong password'],
			['next', '/admin']
		],
		// A failed sign-in only counts against its rate limits.
		alwaysHarmless: true,
		breakers: () => ({ password: ['', 'wrong', 'x'.repeat(300), ...sqlFragments] })
	},
	{
		name: 'POST /account/signup',
		path: () => '/account/signup',
		fields: () => [
			['username', `fuzz-${crypto.randomUUID().slice(0, 8)}`],
			['password', 'a long enough password'],
			['confirm', 'a long enough password'],
			['next', '/']
		],
		breakers: () => ({
			username: [
				'ab',
				'stress-admin',
				'STRESS-ADMIN',
				'x'.repeat(41),
				...sqlFragments,
				...scriptFragments
			],
			password: ['short', ''],
			confirm: ['different password', '']
		})
	},
	{
		name: 'POST /account/signout',
		path: () => '/account/signout',
		ignoresBody: true,
		harmlessFor: () => ['anonymous', 'learner']
	},
	{
		name: 'POST /account ?/password',
		path: () => '/account?/password',
		fields: () => [
			['current', 'a stress test password'],
			['password', 'another long password'],
			['confirm', 'another long password']
		],
		breakers: () => ({
			current: ['wrong password', '', ...sqlFragments],
			password: ['short', ''],
			confirm: ['not the same']
		}),
		harmlessFor: () => ['anonymous', 'learner']
	},
	{
		name: 'POST /account ?/everywhere',
		path: () => '/account?/everywhere',
		ignoresBody: true,
		harmlessFor: () => ['anonymous', 'learner']
	},
	{
		name: 'POST /invite/[token] ?/create',
		path: () => '/invite/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?/create',
		forgedPaths: () => [
			'/invite/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?/create',
			`/invite/${encodeURIComponent("' OR 1=1 --")}?/create`,
			`/invite/${'a'.repeat(2000)}?/create`
		],
		fields: () => [
			['username', 'fuzz-invitee'],
			['password', 'a long enough password'],
			['confirm', 'a long enough password']
		],
		alwaysHarmless: true
	},
	{
		name: 'POST /invite/[token] ?/accept',
		path: () => '/invite/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb?/accept',
		ignoresBody: true,
		alwaysHarmless: true
	},
	{
		name: 'POST /join',
		path: () => '/join',
		fields: () => [['code', 'ABCD2345']],
		alwaysHarmless: true
	},
	{
		name: 'POST /me ?/profile',
		path: () => '/me?/profile',
		fields: () => [
			['region', 'dong-thap-2026:29905'],
			['ageBand', '25-39']
		],
		breakers: () => ({
			region: [...unknownIds, ...sqlFragments, ''],
			ageBand: ['0-14', '-1', ...scriptFragments]
		}),
		harmlessFor: () => everyone.filter((w) => w !== 'learner')
	},
	{
		name: 'POST /me ?/delete',
		path: () => '/me?/delete',
		fields: () => [['confirm', 'yes']],
		breakers: () => ({ confirm: ['no', 'YES', 'yes ', '1', 'true', ''] }),
		harmlessFor: () => everyone.filter((w) => w !== 'learner')
	}
];
