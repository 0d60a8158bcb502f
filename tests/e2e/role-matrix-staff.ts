import { row, type Row } from './role-matrix-public';

const adminOnly = row(303, 403, 403, 403, 403, 200);
const adminAction = row(303, 403, 403, 403, 403, 400);
const organizers = row(303, 403, 200, 200, 403, 403);
const organizersAct = row(303, 403, 400, 400, 403, 403);
const ownerA = row(303, 403, 200, 404, 403, 403);
const ownerAAct = row(303, 403, 400, 404, 403, 403);

/** The routes of staff: invitations, organizing, the dashboard and administration. */
export const staffRoutes: Row[] = [
	{
		route: '/invite/[token]',
		method: 'GET',
		path: '/invite/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
		expect: row(404, 404, 404, 404, 404, 404)
	},
	{
		route: '/organize',
		method: 'GET',
		path: '/organize',
		expect: row(303, 403, 200, 200, 403, 403)
	},
	{
		route: '/dashboard',
		method: 'GET',
		path: '/dashboard',
		expect: row(303, 403, 403, 403, 200, 200)
	},
	{
		route: '/dashboard/export',
		method: 'GET',
		path: '/dashboard/export?table=districts',
		expect: row(303, 403, 403, 403, 200, 200)
	},
	{
		route: '/dashboard/baselines',
		method: 'GET',
		path: '/dashboard/baselines',
		expect: row(303, 403, 403, 403, 200, 200)
	},
	{
		route: '/dashboard/baselines',
		method: 'POST',
		path: '/dashboard/baselines?/save',
		form: {},
		expect: row(303, 403, 403, 403, 400, 400)
	},
	...['upload', 'commit', 'delete'].map((action) => ({
		route: '/dashboard/baselines',
		method: 'POST' as const,
		path: `/dashboard/baselines?/${action}`,
		form: {},
		expect: row(303, 403, 403, 403, 400, 400)
	})),
	{
		route: '/dashboard/baselines/template',
		method: 'GET',
		path: '/dashboard/baselines/template',
		expect: row(303, 403, 403, 403, 200, 200)
	},
	...['/dashboard/held', '/dashboard/periods'].map((path) => ({
		route: path,
		method: 'GET' as const,
		path,
		expect: row(303, 403, 403, 403, 200, 200)
	})),
	{
		route: '/dashboard/held',
		method: 'POST',
		path: '/dashboard/held?/decide',
		form: {},
		expect: row(303, 403, 403, 403, 400, 400)
	},
	{
		route: '/dashboard/periods',
		method: 'POST',
		path: '/dashboard/periods?/close',
		form: {},
		expect: row(303, 403, 403, 403, 400, 400)
	},
	{
		route: '/dashboard/report',
		method: 'GET',
		path: '/dashboard/report',
		expect: row(303, 403, 403, 403, 200, 200)
	},
	{
		route: '/dashboard/report/export',
		method: 'GET',
		path: '/dashboard/report/export?table=units',
		expect: row(303, 403, 403, 403, 200, 200)
	},
	{
		route: '/organize/campaigns/new',
		method: 'GET',
		path: '/organize/campaigns/new',
		expect: organizers
	},
	{
		route: '/organize/campaigns/new',
		method: 'POST',
		path: '/organize/campaigns/new',
		form: {},
		expect: organizersAct
	},
	// Organizer B asking for organization A's campaign or session by id: not found, as if it did not exist.
	{
		route: '/organize/campaigns/[id]',
		method: 'GET',
		path: '/organize/campaigns/:campaignA',
		expect: ownerA
	},
	{
		route: '/organize/campaigns/[id]',
		method: 'POST',
		path: '/organize/campaigns/:campaignA?/status',
		form: { status: 'bogus' },
		expect: ownerAAct
	},
	{
		route: '/organize/campaigns/[id]/edit',
		method: 'GET',
		path: '/organize/campaigns/:campaignA/edit',
		expect: ownerA
	},
	{
		route: '/organize/campaigns/[id]/edit',
		method: 'POST',
		path: '/organize/campaigns/:campaignA/edit',
		form: {},
		expect: ownerAAct
	},
	{
		route: '/organize/campaigns/[id]/poster',
		method: 'GET',
		path: '/organize/campaigns/:campaignA/poster',
		expect: ownerA
	},
	{
		route: '/organize/campaigns/[id]/export',
		method: 'GET',
		path: '/organize/campaigns/:campaignA/export?table=questions',
		expect: ownerA
	},
	{
		route: '/organize/sessions/new',
		method: 'GET',
		path: '/organize/sessions/new',
		expect: organizers
	},
	{
		route: '/organize/sessions/new',
		method: 'POST',
		path: '/organize/sessions/new',
		form: {},
		expect: organizersAct
	},
	{
		route: '/organize/sessions/[id]',
		method: 'GET',
		path: '/organize/sessions/:sessionA',
		expect: ownerA
	},
	{
		route: '/organize/sessions/[id]',
		method: 'POST',
		path: '/organize/sessions/:sessionA?/attendance',
		form: { selfReported: '-1' },
		expect: ownerAAct
	},
	{ route: '/admin', method: 'GET', path: '/admin', expect: adminOnly },
	{ route: '/admin/organizations', method: 'GET', path: '/admin/organizations', expect: adminOnly },
	{
		route: '/admin/organizations',
		method: 'POST',
		path: '/admin/organizations?/create',
		form: {},
		expect: adminAction
	},
	{
		route: '/admin/organizations/[id]',
		method: 'GET',
		path: '/admin/organizations/:orgA',
		expect: adminOnly
	},
	{
		route: '/admin/organizations/[id]',
		method: 'GET',
		path: '/admin/organizations/:orgB',
		expect: adminOnly
	},
	{
		route: '/admin/organizations/[id]',
		method: 'POST',
		path: '/admin/organizations/:orgB?/invite',
		form: {},
		expect: adminOnly
	},
	{
		route: '/admin/organizations/[id]',
		method: 'POST',
		path: '/admin/organizations/:orgA?/revoke',
		form: {},
		expect: adminAction
	},
	{ route: '/admin/users', method: 'GET', path: '/admin/users', expect: adminOnly },
	{
		route: '/admin/users',
		method: 'POST',
		path: '/admin/users?/setRole',
		form: {},
		expect: adminAction
	},
	{
		route: '/admin/users',
		method: 'POST',
		path: '/admin/users?/resetTwoFactor',
		form: {},
		expect: adminAction
	},
	{ route: '/admin/invites', method: 'GET', path: '/admin/invites', expect: adminOnly },
	{
		route: '/admin/invites',
		method: 'POST',
		path: '/admin/invites?/analyst',
		form: { scope: 'nowhere' },
		expect: adminAction
	},
	{ route: '/admin/regions', method: 'GET', path: '/admin/regions', expect: adminOnly },
	{
		route: '/admin/regions',
		method: 'POST',
		path: '/admin/regions?/use',
		form: {},
		expect: adminAction
	},
	{ route: '/admin/audit', method: 'GET', path: '/admin/audit', expect: adminOnly }
];
