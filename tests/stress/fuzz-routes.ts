/**
 * Every form action and endpoint of the app, for the fuzzer: a well-formed request and, per field, values
 * that must be refused. The fuzzer always breaks at least one thing that makes a request harmless (a
 * refused field value, a forged id, a person without the right), so that any changed row is a bug.
 */
import {
	allBad,
	dates,
	hiddenText,
	numbers,
	sqlFragments,
	scriptFragments,
	unknownIds
} from './fuzz-values.ts';
import type { Staff } from './harness.ts';

export type Who = 'anonymous' | 'learner' | 'organizerA' | 'organizerB' | 'analyst' | 'admin';
export const everyone: Who[] = [
	'anonymous',
	'learner',
	'organizerA',
	'organizerB',
	'analyst',
	'admin'
];

export interface Context {
	staff: Staff;
	course: string;
	lesson: string;
	questions: { id: string; options: string[] }[];
	/** An event of this learner, and one of another learner (its id is forged when sent by this one). */
	ownEvent: string;
	othersEvent: string;
	usedInvite: string;
	adminId: string;
	organizerBId: string;
	today: string;
}

type Fields = [string, string][];

export interface FormRoute {
	name: string;
	path: (c: Context) => string;
	/** Paths whose ids name nothing or someone else's thing: refused whatever the form says. */
	forgedPaths?: (c: Context) => string[];
	fields?: (c: Context) => Fields;
	/** Values that make the request be refused, per field. */
	breakers?: (c: Context) => Record<string, string[]>;
	/** People for whom even a well-formed request changes nothing (no right, or not theirs). */
	harmlessFor?: (c: Context) => Who[];
	/** The action never reads its body (so a huge body does not stop it). */
	ignoresBody?: boolean;
	/** Whatever it is sent changes no row outside the listed exceptions (e.g. only rate-limit counters). */
	alwaysHarmless?: boolean;
}

export interface GetRoute {
	name: string;
	paths: (c: Context) => string[];
	query?: string[];
}

const forgedUuids = [
	'00000000-0000-0000-0000-000000000000',
	crypto.randomUUID(),
	'-1',
	"1' OR '1'='1"
];
const checkinCodes = [
	'/checkin/ZZZZZZZZZZZZZZZZ',
	'/checkin/0',
	`/checkin/${encodeURIComponent("' OR 1=1")}`
];
const lessonPath = (c: Context) => `/courses/${c.course}/${c.lesson}`;
const forgedLessons = (c: Context, suffix: string) => [
	`/courses/${c.course}/no-such-lesson${suffix}`,
	`/courses/no-such-course/${c.lesson}${suffix}`,
	`/courses/${encodeURIComponent("x' OR 1=1 --")}/${c.lesson}${suffix}`,
	`/courses/${c.course}/${encodeURIComponent('<script>')}${suffix}`
];
const eventIds = (c: Context) => [
	'not-a-uuid',
	'',
	'00000000000000000000000000000000',
	`${crypto.randomUUID()}x`,
	...sqlFragments,
	c.othersEvent
];
const campaignFields = (c: Context): Fields => [
	['title', 'Chiến dịch thử'],
	['courses', c.course],
	['regions', 'dong-thap-2026:29869'],
	['audience', ''],
	['targetSize', '100'],
	['startsOn', c.today],
	['endsOn', c.today]
];
const campaignBreakers = (c: Context) => ({
	title: ['', 'ab', 'x'.repeat(201), ...hiddenText],
	courses: ['no-such-course', ...sqlFragments],
	regions: unknownIds,
	audience: ['everyone', ...scriptFragments],
	targetSize: numbers.filter((n) => !/^\d{1,7}$/.test(n) || Number(n) < 1).concat(['5000001']),
	startsOn: dates,
	endsOn: dates.concat([c.today.replace(/^\d{4}/, '2019')])
});
const owners = (): Who[] => everyone.filter((w) => w !== 'organizerA');

export const formRoutes: FormRoute[] = [
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
	},
	{
		name: 'POST /organize/campaigns/new',
		path: () => '/organize/campaigns/new',
		fields: campaignFields,
		breakers: campaignBreakers,
		harmlessFor: () => ['anonymous', 'learner', 'analyst', 'admin']
	},
	{
		name: 'POST /organize/campaigns/[id]/edit',
		path: (c) => `/organize/campaigns/${c.staff.campaignA}/edit`,
		forgedPaths: () =>
			forgedUuids.map((id) => `/organize/campaigns/${encodeURIComponent(id)}/edit`),
		fields: campaignFields,
		breakers: campaignBreakers,
		harmlessFor: owners
	},
	{
		name: 'POST /organize/campaigns/[id] ?/status',
		path: (c) => `/organize/campaigns/${c.staff.campaignA}?/status`,
		forgedPaths: () =>
			forgedUuids.map((id) => `/organize/campaigns/${encodeURIComponent(id)}?/status`),
		fields: () => [['status', 'paused']],
		breakers: () => ({ status: ['bogus', 'ACTIVE', 'deleted', '', ...sqlFragments] }),
		harmlessFor: owners
	},
	{
		name: 'POST /organize/sessions/new',
		path: () => '/organize/sessions/new',
		fields: (c) => [
			['heldOn', c.today],
			['place', 'Hội trường xã'],
			['region', 'dong-thap-2026:29869'],
			['topic', 'Lừa đảo qua mạng'],
			['campaign', ''],
			['capacity', '60'],
			['selfReported', '30']
		],
		breakers: () => ({
			heldOn: [...dates, '2099-12-31', '2021-12-31'],
			place: ['', 'x', 'x'.repeat(201), ...hiddenText],
			region: unknownIds,
			topic: ['', 'y', ...hiddenText],
			// Organization B's organizer naming organization A's campaign: a forged id.
			campaign: [...forgedUuids, 'x'],
			capacity: ['0', '5001', '', '-1', '1e3', '50.5', ...sqlFragments],
			// Above the capacity of 60.
			selfReported: ['-1', '1e3', '1234567', '1.5', ' -5', '61', '999999', ...sqlFragments]
		}),
		harmlessFor: () => ['anonymous', 'learner', 'analyst', 'admin']
	},
	{
		name: 'POST /organize/sessions/[id] ?/attendance',
		path: (c) => `/organize/sessions/${c.staff.sessionA}?/attendance`,
		forgedPaths: () =>
			forgedUuids.map((id) => `/organize/sessions/${encodeURIComponent(id)}?/attendance`),
		fields: () => [['selfReported', '25']],
		breakers: () => ({
			// Session A holds 50 people.
			selfReported: ['-1', '-999999', '1e3', '1234567', 'x', '1.5', '51', ...sqlFragments]
		}),
		harmlessFor: owners
	},
	{
		name: 'POST /checkin/[code]',
		path: (c) => `/checkin/${c.staff.checkinCode}`,
		forgedPaths: () => checkinCodes,
		// Only a learner with a place is checked in; anyone else is sent to /start first.
		harmlessFor: () => everyone.filter((w) => w !== 'learner'),
		ignoresBody: true
	},
	{
		name: 'POST /dashboard/baselines ?/save',
		path: () => '/dashboard/baselines?/save',
		fields: () => [
			['region', 'dong-thap-2026:29869'],
			['year', '2025'],
			['users', '120000'],
			['source', 'Sở Thông tin và Truyền thông'],
			['demo', 'yes']
		],
		breakers: () => ({
			region: unknownIds,
			// Years 2020 to next year, counts read as the baselines file reads them (120.000 is 120,000),
			// sources up to 500 characters: one set of limits for the form and the file.
			year: ['2019', '2036', '-2025', '20250', 'MMXXV', ...sqlFragments],
			users: ['0', '-1', '-120000', '123456789', '10.000.001', '1e5', '1.5', '120,5', 'x'],
			// A line break in a source is made a space, as in the file (readCell): it refuses nothing.
			source: [
				'',
				'   ',
				'x'.repeat(501),
				'Sở\u202Ephản',
				...hiddenText.filter((t) => !/\n/.test(t))
			],
			demo: ['no', 'true', '1']
		}),
		harmlessFor: () => ['anonymous', 'learner', 'organizerA', 'organizerB']
	},
	{
		name: 'POST /dashboard/baselines ?/commit',
		path: () => '/dashboard/baselines?/commit',
		fields: () => [
			['text', 'code,users,year,source\n866,"120,000",2025,Sở KH&CN\n'],
			['fileName', 'so-lieu.csv'],
			['flagged', '']
		],
		breakers: () => ({
			text: [
				'',
				'code,users\n866,1\n',
				'code,users,year,source\n999,1,2025,x\n',
				'code,users,year,source\n866,-1,2025,x\n',
				'code,users,year,source\n866,1,2019,x\n',
				'code,users,year,source\n866,1,2025,\n',
				`code,users,year,source\n866,1,2025,${'x'.repeat(300_000)}\n`
			]
		}),
		harmlessFor: () => ['anonymous', 'learner', 'organizerA', 'organizerB']
	},
	{
		name: 'POST /dashboard/baselines ?/delete',
		path: () => '/dashboard/baselines?/delete',
		fields: () => [
			['area', 'dong-thap-2022:866'],
			['year', '2025'],
			['confirm', 'yes']
		],
		breakers: () => ({
			area: unknownIds,
			year: ['2018', '-1', '1.5', 'x', ...sqlFragments],
			confirm: ['', 'no', 'true']
		}),
		harmlessFor: () => ['anonymous', 'learner', 'organizerA', 'organizerB']
	},
	{
		name: 'POST /admin/organizations ?/create',
		path: () => '/admin/organizations?/create',
		fields: () => [
			['name', 'Tổ chức thử'],
			['type', 'school'],
			['region', 'dong-thap-2026:29869']
		],
		breakers: () => ({
			name: ['', 'x', 'x'.repeat(201), ...hiddenText],
			type: ['university', 'SCHOOL', '', ...sqlFragments],
			region: unknownIds
		}),
		harmlessFor: () => ['anonymous', 'learner', 'organizerA', 'organizerB', 'analyst']
	},
	{
		name: 'POST /admin/organizations/[id] ?/invite',
		path: (c) => `/admin/organizations/${c.staff.orgA}?/invite`,
		forgedPaths: () =>
			forgedUuids.map((id) => `/admin/organizations/${encodeURIComponent(id)}?/invite`),
		ignoresBody: true,
		harmlessFor: () => ['anonymous', 'learner', 'organizerA', 'organizerB', 'analyst']
	},
	{
		name: 'POST /admin/organizations/[id] ?/revoke',
		path: (c) => `/admin/organizations/${c.staff.orgA}?/revoke`,
		forgedPaths: () =>
			forgedUuids.map((id) => `/admin/organizations/${encodeURIComponent(id)}?/revoke`),
		fields: (c) => [['invite', c.usedInvite]],
		// Used invites stay as a record: revoking one changes nothing.
		breakers: (c) => ({ invite: [...unknownIds, ...sqlFragments, c.usedInvite] }),
		harmlessFor: () => ['anonymous', 'learner', 'organizerA', 'organizerB', 'analyst']
	},
	{
		name: 'POST /admin/users ?/setRole',
		path: () => '/admin/users?/setRole',
		fields: (c) => [
			['user', c.organizerBId],
			['role', 'organizer'],
			['organization', c.staff.orgB],
			['scope', '']
		],
		breakers: () => ({
			user: [...unknownIds, ...sqlFragments],
			role: ['superuser', 'ADMIN', '', ...sqlFragments],
			organization: [...unknownIds.slice(0, 3)],
			scope: ['district:999', 'dong-thap-2022:866', ...sqlFragments]
		}),
		harmlessFor: () => ['anonymous', 'learner', 'organizerA', 'organizerB', 'analyst']
	},
	{
		name: 'POST /admin/invites ?/analyst',
		path: () => '/admin/invites?/analyst',
		fields: () => [['scope', '']],
		breakers: () => ({
			scope: ['district:999', 'province', 'dong-thap-2022:866', ...sqlFragments, ...scriptFragments]
		}),
		harmlessFor: () => ['anonymous', 'learner', 'organizerA', 'organizerB', 'analyst']
	},
	{
		name: 'POST /admin/regions ?/use',
		path: () => '/admin/regions?/use',
		fields: () => [['code', 'dong-thap-2022']],
		breakers: () => ({ code: ['no-such-set', '', 'DONG-THAP-2022', ...sqlFragments] }),
		harmlessFor: () => ['anonymous', 'learner', 'organizerA', 'organizerB', 'analyst']
	}
];

/** The last-admin rule: demoting the only admin is refused, a breaker of its own for setRole. */
export const lastAdminDemotion = (c: Context): Fields => [
	['user', c.adminId],
	['role', 'learner'],
	['organization', ''],
	['scope', '']
];

export const getRoutes: GetRoute[] = [
	{
		name: 'GET /courses/[course]',
		paths: (c) => [
			`/courses/${c.course}`,
			...forgedLessons(c, '').map((p) => p.split('/').slice(0, 3).join('/'))
		]
	},
	{ name: 'GET lesson', paths: (c) => [lessonPath(c), ...forgedLessons(c, '')] },
	{
		name: 'GET quiz',
		paths: (c) => [
			`${lessonPath(c)}/quiz?attempt=${c.othersEvent}`,
			`${lessonPath(c)}/quiz?attempt=${c.ownEvent}`,
			...forgedLessons(c, '/quiz')
		],
		query: ['attempt']
	},
	{
		name: 'GET /join/[code]',
		paths: () => ['/join/ABCD2345', '/join/abcd', `/join/${'Z'.repeat(500)}`, '/join/%00']
	},
	{
		name: 'GET /checkin/[code]',
		// Opening a right code shows the session and records nothing.
		paths: (c) => [`/checkin/${c.staff.checkinCode}`, ...checkinCodes]
	},
	{
		name: 'GET /invite/[token]',
		paths: () => ['/invite/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '/invite/-1', '/invite/%ff']
	},
	{
		name: 'GET /dashboard',
		paths: () => ['/dashboard'],
		query: ['sort', 'dir', 'period', 'region']
	},
	{
		name: 'GET /dashboard/export',
		paths: () => ['/dashboard/export'],
		query: ['table', 'period', 'sort']
	},
	{ name: 'GET /dashboard/report', paths: () => ['/dashboard/report'], query: ['year', 'area'] },
	{
		name: 'GET /organize/campaigns/[id]',
		paths: (c) => [
			`/organize/campaigns/${c.staff.campaignA}`,
			`/organize/campaigns/${c.staff.campaignA}/poster`,
			...forgedUuids.map((id) => `/organize/campaigns/${encodeURIComponent(id)}`)
		]
	},
	{
		name: 'GET /organize/campaigns/[id]/export',
		paths: (c) => [
			`/organize/campaigns/${c.staff.campaignA}/export`,
			...forgedUuids.map((id) => `/organize/campaigns/${encodeURIComponent(id)}/export`)
		],
		query: ['table']
	},
	{
		name: 'GET /organize/sessions/[id]',
		paths: (c) => [
			`/organize/sessions/${c.staff.sessionA}`,
			...forgedUuids.map((id) => `/organize/sessions/${encodeURIComponent(id)}`)
		]
	},
	{
		name: 'GET /admin/organizations/[id]',
		paths: (c) => [
			`/admin/organizations/${c.staff.orgB}`,
			...forgedUuids.map((id) => `/admin/organizations/${encodeURIComponent(id)}`)
		]
	},
	{
		name: 'GET /admin/audit',
		paths: () => ['/admin/audit', '/admin/users', '/admin/invites'],
		query: ['page', 'q']
	},
	{
		name: 'GET /start, /account/signin',
		paths: () => [
			'/start',
			'/account/signin',
			'/account/signup',
			'/account/signin/code',
			'/account/two-factor'
		],
		query: ['next']
	}
];

export const queryValues = [
	...allBad,
	'desc',
	'asc',
	'month',
	'year',
	'questions',
	'summary',
	'province',
	'2025'
];
