import { firstCourse } from './support';
import type { Identity } from './identities';

/** What each kind of person gets from one route: a status per identity. */
export type Expected = Record<Identity, number>;
export interface Row {
	route: string;
	method: 'GET' | 'POST';
	path: string;
	form?: Record<string, string>;
	json?: unknown;
	expect: Expected;
}

// anonymous, learner (account, no district yet), organizer of A, organizer of B, analyst, admin
export const row = (...s: [number, number, number, number, number, number]): Expected => ({
	anonymous: s[0],
	learner: s[1],
	organizerA: s[2],
	organizerB: s[3],
	analyst: s[4],
	admin: s[5]
});
const everyone = row(200, 200, 200, 200, 200, 200);
const lesson = `/courses/${firstCourse.slug}/${firstCourse.lessons[0]!.slug}`;

/** The routes open to residents: learning, their account and the public pages and endpoints. */
export const publicRoutes: Row[] = [
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
	}
];
