/**
 * Shared by the stress scripts: the built app (`node build`) on a fresh database file under
 * tests/.tmp/stress, on loopback, and the people who use it, made through the app's own forms.
 */
import { afterPassword, type FormClient } from '../authenticator.ts';
import { run, serverEnv } from '../process.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { buildCatalogue } from '../../src/lib/server/content/catalogue.ts';
import { readContentDir } from '../../src/lib/server/content/read-dir.ts';
import { communeIds } from '../places.ts';

export const dir = 'tests/.tmp/stress';
export const port = Number(process.env.STRESS_PORT ?? 4420);
export const origin = `http://127.0.0.1:${port}`;
export const adminUsername = 'stress-admin';
export const adminPassword = 'stress admin password, test only';
export const staffPassword = 'a stress test password';

export const catalogue = buildCatalogue(readContentDir('content')).catalogue;
export const lessons = catalogue.courses.flatMap((c) =>
	c.lessons.map((l) => ({ course: c.slug, lesson: l.slug, quiz: l.quiz }))
);
/** Where the stress learners live: today's communes and wards, taken in turn. */
export const districts = communeIds;

/**
 * Extra environment for the server under test, `KEY=value` pairs separated by commas, e.g. to loosen a
 * rate limit for a load run: STRESS_SERVER_ENV='SOME_LIMIT=100000'.
 */
const extraEnv = Object.fromEntries(
	(process.env.STRESS_SERVER_ENV ?? '')
		.split(',')
		.filter((pair) => pair.includes('='))
		.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])
);

export function requireBuild(): void {
	if (!existsSync('build/index.js')) {
		throw new Error('The stress tests run the built app: run `npm run build` first.');
	}
}

/** A migrated, seeded database file with the stress admin in it, made by the documented commands. */
export function freshDatabase(name: string): string {
	mkdirSync(dir, { recursive: true });
	const path = join(dir, `${name}.db`);
	for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
	const url = `file:${path}`;
	run('npm', ['run', '-s', 'db:seed'], { DATABASE_URL: url });
	run(
		'npm',
		['run', '-s', 'admin:create', '--', adminUsername],
		{ DATABASE_URL: url },
		`${adminPassword}\n`
	);
	return url;
}

/**
 * A client of the test server's database file. It waits up to 10 s for the server's writes (the
 * server holds the write lock for each group commit): without that a read or a probe's own write
 * fails at once with SQLITE_BUSY on a busy machine.
 */
export async function openClient(url: string): Promise<Client> {
	const client = createClient({ url });
	await client.execute('PRAGMA busy_timeout = 10000');
	return client;
}

export async function scalar(db: Client, sql: string, args: (string | number)[] = []) {
	const result = await db.execute({ sql, args });
	return Number(result.rows[0]?.[0] ?? 0);
}

export interface Server {
	process: ChildProcess;
	/** What the server wrote to stderr (errors of 5xx responses are logged there). */
	stderr: () => string;
	exited: Promise<number | null>;
	stop: () => Promise<void>;
}

/** Starts `node build` on the database file (lifted limits unless `env` sets its own) once it listens. */
export function startServer(url: string, env: Record<string, string> = {}): Promise<Server> {
	const child = spawn('node', ['build'], {
		env: serverEnv(url, port, { ...env, ...extraEnv }),
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let errors = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		errors += chunk.toString();
	});
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	const server: Server = {
		process: child,
		stderr: () => errors,
		exited,
		// A server that does not end on SIGTERM (adapter-node allows 30 s for open connections) fails
		// the run instead of hanging it: something left open would keep a deployed process alive too.
		stop: async () => {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			let timer: ReturnType<typeof setTimeout> | undefined;
			const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, 40_000, 'late')));
			const outcome = await Promise.race([exited, late]);
			clearTimeout(timer);
			if (outcome === 'late') {
				child.kill('SIGKILL');
				throw new Error('the server did not exit within 40 s of SIGTERM');
			}
		}
	};
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('the server did not start in 60 s')), 60_000);
		child.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('Listening')) {
				clearTimeout(timer);
				resolve(server);
			}
		});
		void exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`the server exited with ${code} before listening: ${errors}`));
		});
	});
}

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

type Lesson = (typeof lessons)[number];

/** A learning event as the outbox sends it: a fresh id; quizzes answered right or wrong. */
/** (Up to 9 minutes back: an event may not claim to be older than its learner, who is new.) */
export function eventFor(lesson: Lesson, n: number, occurredAt = Date.now() - (n % 10) * 60_000) {
	const id = crypto.randomUUID();
	if (n % 3 === 0) {
		return {
			id,
			type: 'lesson_completed',
			course: lesson.course,
			lesson: lesson.lesson,
			occurredAt
		};
	}
	const right = n % 3 === 1;
	const answers = Object.fromEntries(
		lesson.quiz.questions.map((q) => [
			q.id,
			right ? q.correct : q.optionIds.filter((o) => !q.correct.includes(o)).slice(0, 1)
		])
	);
	return {
		id,
		type: 'quiz_submitted',
		course: lesson.course,
		lesson: lesson.lesson,
		occurredAt,
		answers
	};
}

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** A small seeded generator (mulberry32): a failing run is reproduced from its seed. */
export function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (max: number) => Math.floor(next() * max),
		pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
		chance: (p: number) => next() < p
	};
}

/** Waits until the server's background step has folded every stored event into the rollups. */
export async function rollupsCaughtUp(db: Client, timeoutMs = 60_000): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const behind = await scalar(
			db,
			'SELECT coalesce((SELECT max(rowid) FROM learning_events), 0) - coalesce((SELECT last_rowid FROM rollup_state WHERE id = 1), 0)'
		);
		if (behind <= 0) return true;
		if (Date.now() > deadline) return false;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}
