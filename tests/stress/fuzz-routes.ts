/**
 * Every form action and endpoint of the app, for the fuzzer: a well-formed request and, per field, values
 * that must be refused. The fuzzer always breaks at least one thing that makes a request harmless (a
 * refused field value, a forged id, a person without the right), so that any changed row is a bug.
 * The form routes themselves are in fuzz-routes-learners.ts and fuzz-routes-staff.ts.
 */
import { allBad } from './fuzz-values.ts';
import {
	checkinCodes,
	forgedLessons,
	forgedUuids,
	lessonPath,
	type Context,
	type Fields,
	type FormRoute,
	type GetRoute
} from './fuzz-routes-common.ts';
import { learnerRoutes } from './fuzz-routes-learners.ts';
import { staffRoutes } from './fuzz-routes-staff.ts';

export const formRoutes: FormRoute[] = [...learnerRoutes, ...staffRoutes];

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
