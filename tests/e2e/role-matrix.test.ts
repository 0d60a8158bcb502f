import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeIdentities, postForm, type Identities, type Identity } from './identities';
import { firstCourse } from './support';

type Expected = Record<Identity, number>;
interface Row {
	route: string;
	method: 'GET' | 'POST';
	path: string;
	form?: Record<string, string>;
	json?: unknown;
	expect: Expected;
}

// anonymous, learner (account, no district yet), organizer of A, organizer of B, analyst, admin
const row = (...s: [number, number, number, number, number, number]): Expected => ({
	anonymous: s[0],
	learner: s[1],
	organizerA: s[2],
	organizerB: s[3],
	analyst: s[4],
	admin: s[5]
});
const adminOnly = row(303, 403, 403, 403, 403, 200);
const adminAction = row(303, 403, 403, 403, 403, 400);
const everyone = row(200, 200, 200, 200, 200, 200);
const organizers = row(303, 403, 200, 200, 403, 403);
const organizersAct = row(303, 403, 400, 400, 403, 403);
const ownerA = row(303, 403, 200, 404, 403, 403);
const ownerAAct = row(303, 403, 400, 404, 403, 403);
const lesson = `/courses/${firstCourse.slug}/${firstCourse.lessons[0]!.slug}`;

/**
 * Every route of the app, as each kind of person. 303 = sent to sign in (or to /start for learning
 * pages without a district), 403 = refused, 400 = allowed through but the (empty) input is refused.
 */
const matrix: Row[] = [
	{ route: '/', method: 'GET', path: '/', expect: everyone },
	{ route: '/start', method: 'GET', path: '/start', expect: everyone },
	{ route: '/privacy', method: 'GET', path: '/privacy', expect: everyone },
	{ route: '/me', method: 'GET', path: '/me', expect: everyone },
	// Asking a learner of a 2022 district for their commune: nobody here has chosen a place yet.
	{ route: '/place', method: 'GET', path: '/place', expect: row(303, 303, 303, 303, 303, 303) },
	{
		route: '/place',
		method: 'POST',
		path: '/place?/choose',
		form: { region: 'nowhere' },
		expect: row(303, 303, 303, 303, 303, 303)
	},
	{
		route: '/place',
		method: 'POST',
		path: '/place?/later',
		form: {},
		expect: row(303, 303, 303, 303, 303, 303)
	},
	{
		route: '/language',
		method: 'POST',
		path: '/language',
		form: { locale: 'vi', next: '/' },
		expect: row(303, 303, 303, 303, 303, 303)
	},
	{
		route: '/courses/[course]',
		method: 'GET',
		path: `/courses/${firstCourse.slug}`,
		expect: everyone
	},
	// Anyone reads a lesson and opens its quiz (the same page for everyone); the place is asked at the
	// first completion.
	{ route: '/courses/[course]/[lesson]', method: 'GET', path: lesson, expect: everyone },
	{
		route: '/courses/[course]/[lesson]/quiz',
		method: 'GET',
		path: `${lesson}/quiz`,
		expect: everyone
	},
	// A result is a learner's own: nobody here has a place, so nobody has one.
	{
		route: '/courses/[course]/[lesson]/quiz/result',
		method: 'GET',
		path: `${lesson}/quiz/result`,
		expect: row(303, 303, 303, 303, 303, 303)
	},
	// The forms without JavaScript need a learner with a place: nobody here has one, so all go to /start.
	...['lesson-completed', 'quiz-submitted'].map((kind) => ({
		route: `/api/forms/${kind}`,
		method: 'POST' as const,
		path: `/api/forms/${kind}`,
		form: { course: firstCourse.slug, lesson: firstCourse.lessons[0]!.slug },
		expect: row(303, 303, 303, 303, 303, 303)
	})),
	// What a shared page asks about its reader (private, no-store), and the place picker's data.
	{ route: '/api/me/progress', method: 'GET', path: '/api/me/progress', expect: everyone },
	{ route: '/api/places', method: 'GET', path: '/api/places', expect: everyone },
	{
		route: '/api/events',
		method: 'POST',
		path: '/api/events',
		json: { events: [] },
		expect: row(401, 401, 401, 401, 401, 401)
	},
	{ route: '/account', method: 'GET', path: '/account', expect: row(303, 200, 200, 200, 200, 200) },
	{
		route: '/account/signin',
		method: 'GET',
		path: '/account/signin',
		expect: row(200, 303, 303, 303, 303, 303)
	},
	// Nobody here has a sign-in halfway (a password accepted, the code not yet): back to the form, or home.
	{
		route: '/account/signin/code',
		method: 'GET',
		path: '/account/signin/code',
		expect: row(303, 303, 303, 303, 303, 303)
	},
	...['code', 'recovery'].map((action) => ({
		route: '/account/signin/code',
		method: 'POST' as const,
		path: `/account/signin/code?/${action}`,
		form: { [action]: '123456' },
		expect: row(303, 303, 303, 303, 303, 303)
	})),
	// Staff only. The analyst and admin here have it on (the helpers enrolled them), the organizers not.
	{
		route: '/account/two-factor',
		method: 'GET',
		path: '/account/two-factor',
		expect: row(303, 403, 200, 200, 200, 200)
	},
	{
		route: '/account/two-factor',
		method: 'POST',
		path: '/account/two-factor?/confirm',
		form: { code: 'abc' },
		expect: row(303, 403, 400, 400, 400, 400)
	},
	{
		route: '/account/two-factor',
		method: 'POST',
		path: '/account/two-factor?/recovery',
		form: { code: 'abc' },
		expect: row(303, 403, 400, 400, 400, 400)
	},
	{
		route: '/account/two-factor',
		method: 'POST',
		path: '/account/two-factor?/disable',
		form: { disableCode: 'abc' },
		expect: row(303, 403, 400, 400, 403, 403)
	},
	{
		route: '/account/signup',
		method: 'GET',
		path: '/account/signup',
		expect: row(200, 303, 303, 303, 303, 303)
	},
	{
		route: '/account/signout',
		method: 'GET',
		path: '/account/signout',
		expect: row(303, 303, 303, 303, 303, 303)
	},
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
	{ route: '/how-we-count', method: 'GET', path: '/how-we-count', expect: everyone },
	// The list of pages a device saves for offline use: public, it names only public course pages.
	{ route: '/api/offline', method: 'GET', path: '/api/offline', expect: everyone },
	{
		route: '/places/[set]/boundaries.json',
		method: 'GET',
		path: '/places/dong-thap-2026/boundaries.json',
		expect: everyone
	},
	{ route: '/healthz', method: 'GET', path: '/healthz', expect: everyone },
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
	{ route: '/join', method: 'GET', path: '/join', expect: everyone },
	{
		route: '/join/[code]',
		method: 'GET',
		path: '/join/ZZZZZZZZ',
		expect: row(404, 404, 404, 404, 404, 404)
	},
	{
		route: '/checkin/[code]',
		method: 'GET',
		path: '/checkin/ZZZZZZZZZZZZZZZZ',
		expect: row(404, 404, 404, 404, 404, 404)
	},
	{
		route: '/checkin/[code]',
		method: 'POST',
		path: '/checkin/ZZZZZZZZZZZZZZZZ',
		form: {},
		expect: row(404, 404, 404, 404, 404, 404)
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

/** Route ids from src/routes: a new page or endpoint fails this test until it is added to the matrix. */
function routeIds(dir = 'src/routes', prefix = ''): string[] {
	const here = readdirSync(dir).some((f) => /^\+(page|server)\./.test(f)) ? [prefix || '/'] : [];
	return here.concat(
		readdirSync(dir)
			.filter((f) => statSync(join(dir, f)).isDirectory())
			.flatMap((f) => routeIds(join(dir, f), /^\(.*\)$/.test(f) ? prefix : `${prefix}/${f}`))
	);
}

let identities: Identities;
test.beforeAll(async ({ baseURL }) => {
	// A fresh tag per worker: a retried worker builds its identities again without name clashes.
	identities = await makeIdentities(baseURL!, `matrix-${Date.now().toString(36)}`);
});

test('the role matrix names every route of the app', () => {
	const covered = new Set(matrix.map((r) => r.route));
	expect(routeIds().filter((id) => !covered.has(id))).toEqual([]);
});

for (const who of [
	'anonymous',
	'learner',
	'organizerA',
	'organizerB',
	'analyst',
	'admin'
] as const) {
	test(`role matrix as ${who}`, async ({ baseURL }) => {
		const ctx = identities.contexts[who];
		const seen: string[] = [];
		const wanted: string[] = [];
		for (const r of matrix) {
			const path = r.path
				.replace(':orgA', identities.orgA)
				.replace(':orgB', identities.orgB)
				.replace(':campaignA', identities.campaignA)
				.replace(':sessionA', identities.sessionA);
			const response =
				r.method === 'GET'
					? await ctx.get(path, { maxRedirects: 0 })
					: r.json
						? await ctx.post(path, { data: r.json, headers: { origin: baseURL! }, maxRedirects: 0 })
						: await postForm(ctx, baseURL!, path, r.form ?? {});
			seen.push(`${r.method} ${r.path} → ${response.status()}`);
			wanted.push(`${r.method} ${r.path} → ${r.expect[who]}`);
		}
		expect(seen).toEqual(wanted);
	});
}
