import { expect, request, type APIRequestContext } from '@playwright/test';
import { adminPassword, adminUsername } from './accounts-fixture';
import { db } from './support';
import { secondStep } from './two-factor-steps';

export type Identity = 'anonymous' | 'learner' | 'organizerA' | 'organizerB' | 'analyst' | 'admin';

export interface Identities {
	contexts: Record<Identity, APIRequestContext>;
	orgA: string;
	orgB: string;
	campaignA: string;
	sessionA: string;
}

/** The password of every account these helpers make. */
export const staffPassword = 'a test password for e2e';
const password = staffPassword;

/** Posts a form the way a browser without JavaScript does. */
export function postForm(
	ctx: APIRequestContext,
	baseURL: string,
	url: string,
	form: Record<string, string>
) {
	return ctx.post(url, {
		form,
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
}

type StorageState = Awaited<ReturnType<APIRequestContext['storageState']>>;
/** Sessions of accounts with two-step verification, kept while they last (see signIn). */
const kept = new Map<string, StorageState>();

/**
 * A signed-in context: password, then the code (or enrolment) when the app asks. An account with
 * two-step verification stays signed in, as a person does, and later calls reuse its session while it
 * is valid: every sign-in with a code spends a 30-second step, and the server accepts each step once.
 */
export async function signIn(
	baseURL: string,
	username: string,
	pass: string
): Promise<APIRequestContext> {
	const key = `${baseURL} ${username}`;
	const state = kept.get(key);
	if (state) {
		const ctx = await request.newContext({ baseURL, storageState: state });
		if ((await ctx.get('/account', { maxRedirects: 0 })).status() === 200) return ctx;
		await ctx.dispose();
		kept.delete(key);
	}
	const ctx = await request.newContext({ baseURL });
	const response = await postForm(ctx, baseURL, '/account/signin', { username, password: pass });
	expect(response.status(), `sign in ${username}`).toBe(303);
	const location = response.headers().location!;
	await secondStep(ctx, baseURL, username, location);
	if (location.startsWith('/account/')) kept.set(key, await ctx.storageState());
	return ctx;
}

/** Runs an enhanced (JSON) form action and returns the invite link it produced. */
async function inviteLink(
	admin: APIRequestContext,
	baseURL: string,
	url: string,
	form: Record<string, string> = {}
) {
	const response = await admin.post(url, {
		form,
		headers: { origin: baseURL, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	const body = await response.text();
	const token = /\/invite\/([a-z2-7]+)/.exec(body)?.[1];
	expect(token, body).toBeTruthy();
	return `/invite/${token}`;
}

async function acceptInvite(
	baseURL: string,
	link: string,
	username: string
): Promise<APIRequestContext> {
	const ctx = await request.newContext({ baseURL });
	const response = await postForm(ctx, baseURL, `${link}?/create`, {
		username,
		password,
		confirm: password
	});
	expect(response.status(), `accept invite as ${username}`).toBe(303);
	// An analyst is sent to turn two-step verification on first.
	await secondStep(ctx, baseURL, username, response.headers().location!);
	return ctx;
}

/**
 * Builds one of each identity through the app's own flows: the CLI-made admin signs in, creates two
 * organizations and invites, invitees create their accounts, a learner signs up.
 */
export async function makeIdentities(baseURL: string, tag: string): Promise<Identities> {
	const admin = await signIn(baseURL, adminUsername, adminPassword);
	const orgIds: string[] = [];
	for (const name of [`Trường THPT A ${tag}`, `Hội Phụ nữ B ${tag}`]) {
		const created = await postForm(admin, baseURL, '/admin/organizations?/create', {
			name,
			type: 'school',
			region: 'dong-thap-2026:29869'
		});
		expect(created.status()).toBe(200);
		const row = await db.execute({
			sql: 'SELECT id FROM organizations WHERE name = ?',
			args: [name]
		});
		orgIds.push(String(row.rows[0]?.[0]));
	}
	const [orgA, orgB] = orgIds as [string, string];
	const organizerA = await acceptInvite(
		baseURL,
		await inviteLink(admin, baseURL, `/admin/organizations/${orgA}?/invite`),
		`org-a-${tag}`
	);
	const organizerB = await acceptInvite(
		baseURL,
		await inviteLink(admin, baseURL, `/admin/organizations/${orgB}?/invite`),
		`org-b-${tag}`
	);
	const analyst = await acceptInvite(
		baseURL,
		await inviteLink(admin, baseURL, '/admin/invites?/analyst', { scope: '' }),
		`analyst-${tag}`
	);
	const learner = await request.newContext({ baseURL });
	const signedUp = await postForm(learner, baseURL, '/account/signup', {
		username: `learner-${tag}`,
		password,
		confirm: password,
		next: '/'
	});
	expect(signedUp.status()).toBe(303);
	const anonymous = await request.newContext({ baseURL });
	const campaignA = await makeCampaign(organizerA, baseURL, 'online-scams', `Chiến dịch A ${tag}`);
	const session = await postForm(organizerA, baseURL, '/organize/sessions/new', {
		heldOn: '2026-11-20',
		place: 'Hội trường',
		region: 'dong-thap-2026:29869',
		topic: 'Lừa đảo qua mạng',
		campaign: '',
		capacity: '50',
		selfReported: '20'
	});
	expect(session.status()).toBe(303);
	const sessionA = session.headers().location!.split('/').pop()!;
	return {
		contexts: { anonymous, learner, organizerA, organizerB, analyst, admin },
		orgA,
		orgB,
		campaignA,
		sessionA
	};
}

/** An organizer of a new organization, signed in, as a browser storage state. */
export async function makeOrganizer(baseURL: string, tag: string) {
	const admin = await signIn(baseURL, adminUsername, adminPassword);
	const name = `Đoàn Thanh niên ${tag}`;
	expect(
		(
			await postForm(admin, baseURL, '/admin/organizations?/create', {
				name,
				type: 'youth-union',
				region: 'dong-thap-2026:30037'
			})
		).status()
	).toBe(200);
	const row = await db.execute({
		sql: 'SELECT id FROM organizations WHERE name = ?',
		args: [name]
	});
	const orgId = String(row.rows[0]?.[0]);
	const organizer = await acceptInvite(
		baseURL,
		await inviteLink(admin, baseURL, `/admin/organizations/${orgId}?/invite`),
		`organizer-${tag}`
	);
	return { orgId, organizer, storageState: await organizer.storageState() };
}

/** Creates a campaign through the organizer's form; returns its id (from the redirect). */
export async function makeCampaign(
	organizer: APIRequestContext,
	baseURL: string,
	course: string,
	title: string
) {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(
		new Date()
	);
	const response = await organizer.post('/organize/campaigns/new', {
		multipart: {
			title,
			courses: course,
			regions: 'dong-thap-2026:30037',
			audience: '',
			targetSize: '100',
			startsOn: today,
			endsOn: today
		},
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	return response.headers().location!.split('/').pop()!;
}
