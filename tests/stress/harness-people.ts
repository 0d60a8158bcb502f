/** The people of the stress runs, made through the app's forms: learners, sign-ins and staff. */
import { afterPassword, type FormClient } from '../authenticator.ts';
import type { Client } from '@libsql/client';
import {
	adminPassword,
	adminUsername,
	catalogue,
	districts,
	origin,
	staffPassword
} from './harness.ts';

/** The `name=value` pairs of a response's Set-Cookie headers. */
export function cookiesOf(response: Response): Record<string, string> {
	return Object.fromEntries(
		response.headers.getSetCookie().map((c) => {
			const pair = c.split(';')[0]!;
			return [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
		})
	);
}

/** Posts a form the way a browser without JavaScript does. */
export function postForm(
	path: string,
	form: Record<string, string> | URLSearchParams,
	cookie = '',
	headers: Record<string, string> = {}
): Promise<Response> {
	return fetch(`${origin}${path}`, {
		method: 'POST',
		body: form instanceof URLSearchParams ? form : new URLSearchParams(form),
		headers: { origin, accept: 'text/html', cookie, ...headers },
		redirect: 'manual'
	});
}

/** A new anonymous learner who picked a district on /start: its `learner=…` cookie. */
export async function newLearner(region = districts[0]!): Promise<string> {
	const response = await postForm('/start', { region, next: '/' });
	const token = cookiesOf(response).learner;
	if (response.status !== 303 || !token) throw new Error(`/start answered ${response.status}`);
	return `learner=${token}`;
}

/** Many learners, created a few at a time. */
export async function newLearners(count: number, parallel = 8): Promise<string[]> {
	const cookies: string[] = [];
	for (let i = 0; i < count; i += parallel) {
		const batch = Array.from({ length: Math.min(parallel, count - i) }, (_, j) =>
			newLearner(districts[(i + j) % districts.length])
		);
		cookies.push(...(await Promise.all(batch)));
	}
	return cookies;
}

/**
 * A browser's cookies for the sign-in helpers (tests/authenticator.ts): what the app sets is sent back,
 * so the sign-in halfway reaches the code step and a session renewed at enrolment replaces the old one.
 */
export function cookieClient(base = origin, jar: Record<string, string> = {}) {
	const header = () =>
		Object.entries(jar)
			.map(([name, value]) => `${name}=${value}`)
			.join('; ');
	const keep = (response: Response) => {
		for (const [name, value] of Object.entries(cookiesOf(response))) {
			if (value) jar[name] = value;
			else delete jar[name];
		}
	};
	const client: FormClient = {
		post: async (path, form) => {
			const response = await fetch(`${base}${path}`, {
				method: 'POST',
				body: new URLSearchParams(form),
				headers: { origin: base, accept: 'text/html', cookie: header() },
				redirect: 'manual'
			});
			keep(response);
			return {
				status: response.status,
				location: response.headers.get('location') ?? '',
				text: await response.text()
			};
		},
		get: async (path) => {
			const response = await fetch(`${base}${path}`, { headers: { cookie: header() } });
			keep(response);
			return response.text();
		}
	};
	return { client, session: () => (jar.session ? `session=${jar.session}` : '') };
}

/**
 * Signs in through the form, then with a code, or enrols an admin or analyst the first time (see
 * tests/authenticator.ts): the session cookie, `session=…`.
 */
export async function signIn(username: string, password: string, base = origin): Promise<string> {
	const { client, session } = cookieClient(base);
	const response = await client.post('/account/signin', { username, password });
	if (response.status !== 303) throw new Error(`sign-in of ${username}: ${response.status}`);
	await afterPassword(client, base, username, response.location);
	if (!session()) throw new Error(`sign-in of ${username}: no session`);
	return session();
}

/** Runs an enhanced (JSON) form action as a signed-in person and returns the invite link it made. */
async function inviteLink(cookie: string, path: string, form: Record<string, string> = {}) {
	const response = await postForm(path, form, cookie, {
		accept: 'application/json',
		'x-sveltekit-action': 'true'
	});
	const token = /\/invite\/([a-z2-7]+)/.exec(await response.text())?.[1];
	if (!token) throw new Error(`no invite link from ${path} (${response.status})`);
	return `/invite/${token}`;
}

/** A new account by invitation; an analyst turns two-step verification on, as the app asks. */
async function acceptInvite(link: string, username: string): Promise<string> {
	const { client, session } = cookieClient();
	const response = await client.post(`${link}?/create`, {
		username,
		password: staffPassword,
		confirm: staffPassword
	});
	if (response.status !== 303 || !session())
		throw new Error(`invite for ${username}: ${response.status}`);
	await afterPassword(client, origin, username, response.location);
	return session();
}

export interface Staff {
	admin: string;
	organizerA: string;
	organizerB: string;
	analyst: string;
	orgA: string;
	orgB: string;
	campaignA: string;
	campaignCode: string;
	sessionA: string;
	checkinCode: string;
}

/** An admin, two organizations with an organizer each, an analyst, a campaign and an in-person session. */
export async function makeStaff(db: Client): Promise<Staff> {
	const admin = await signIn(adminUsername, adminPassword);
	const orgs: string[] = [];
	for (const name of ['Trường THPT Stress A', 'Hội Phụ nữ Stress B']) {
		const response = await postForm(
			'/admin/organizations?/create',
			{ name, type: 'school', region: districts[0]! },
			admin
		);
		if (response.status !== 200) throw new Error(`organization ${name}: ${response.status}`);
		const row = await db.execute({
			sql: 'SELECT id FROM organizations WHERE name = ?',
			args: [name]
		});
		orgs.push(String(row.rows[0]?.[0]));
	}
	const [orgA, orgB] = orgs as [string, string];
	const organizerA = await acceptInvite(
		await inviteLink(admin, `/admin/organizations/${orgA}?/invite`),
		'stress-org-a'
	);
	const organizerB = await acceptInvite(
		await inviteLink(admin, `/admin/organizations/${orgB}?/invite`),
		'stress-org-b'
	);
	const analyst = await acceptInvite(
		await inviteLink(admin, '/admin/invites?/analyst', { scope: '' }),
		'stress-analyst'
	);
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(
		new Date()
	);
	const campaign = await postForm(
		'/organize/campaigns/new',
		new URLSearchParams([
			['title', 'Chiến dịch Stress A'],
			['courses', catalogue.courses[0]!.slug],
			['regions', districts[0]!],
			['audience', ''],
			['targetSize', '100'],
			['startsOn', today],
			['endsOn', today]
		]),
		organizerA
	);
	if (campaign.status !== 303) throw new Error(`campaign: ${campaign.status}`);
	const campaignA = campaign.headers.get('location')!.split('/').pop()!;
	const session = await postForm(
		'/organize/sessions/new',
		{
			heldOn: today,
			place: 'Hội trường',
			region: districts[0]!,
			topic: 'Lừa đảo qua mạng',
			campaign: '',
			capacity: '50',
			selfReported: '20'
		},
		organizerA
	);
	if (session.status !== 303) throw new Error(`in-person session: ${session.status}`);
	const sessionA = session.headers.get('location')!.split('/').pop()!;
	const codes = await db.execute({
		sql: 'SELECT (SELECT join_code FROM campaigns WHERE id = ?), (SELECT checkin_code FROM in_person_sessions WHERE id = ?)',
		args: [campaignA, sessionA]
	});
	return {
		admin,
		organizerA,
		organizerB,
		analyst,
		orgA,
		orgB,
		campaignA,
		campaignCode: String(codes.rows[0]?.[0]),
		sessionA,
		checkinCode: String(codes.rows[0]?.[1])
	};
}
