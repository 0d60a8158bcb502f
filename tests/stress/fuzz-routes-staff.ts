/** The fuzzer's form routes of staff: campaigns, sessions, check-ins, baselines, admin. */
import {
	dates,
	hiddenText,
	numbers,
	sqlFragments,
	scriptFragments,
	unknownIds
} from './fuzz-values.ts';
import {
	checkinCodes,
	everyone,
	forgedUuids,
	type Context,
	type Fields,
	type FormRoute,
	type Who
} from './fuzz-routes-common.ts';

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

export const staffRoutes: FormRoute[] = [
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
