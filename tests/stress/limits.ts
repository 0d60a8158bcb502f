/**
 * Every limit answers 429: the built app with tiny limits of its own (RATE_LIMITS, windows of an hour),
 * and one probe per limit that reaches it from 127.0.0.1 and checks the refusal (status, Retry-After or
 * the minutes to wait, the message in the person's language) and that the refused request changed
 * nothing. A limit added to src/lib/server/limits.ts without a probe here fails to type-check.
 */
import type { LimitName } from '../../src/lib/server/limits.ts';
import { codeAt, nextCode, secretOf, stepNow, takeRecoveryCode } from '../authenticator.ts';
import { testLimits } from '../process.ts';
import { learnerIdFromToken } from '../../src/lib/server/learner/index.ts';
import {
	adminPassword,
	adminUsername,
	cookieClient,
	districts,
	eventFor,
	freshDatabase,
	lessons,
	newLearner,
	openClient,
	origin,
	postForm,
	requireBuild,
	scalar,
	signIn as signInStaff,
	startServer
} from './harness.ts';

/** Each probe's limit is the smallest: the limit it probes is the one that answers. */
const tiny = {
	signInPerAccount: [2, 3600],
	signInPerAddress: [4, 3600],
	signUpPerAddress: [2, 3600],
	secondFactorPerAccount: [2, 3600],
	joinMissesPerAddress: [2, 3600],
	checkinsPerAddress: [2, 3600],
	eventsPerLearner: [2, 3600],
	eventsPerAddress: [4, 3600],
	newLearnersPerUnitDay: [2, 86_400],
	unheldLearnersPerAddress: [6, 3600],
	learnersPerAddress: [12, 3600],
	placeChangesPerLearner: [2, 3600]
} as const satisfies Record<LimitName, readonly [number, number]>;

type Check = (ok: boolean, what: string) => void;
const english = 'lang=en';
const waitMinutes = /Vui lòng đợi (\d+) phút|Please wait (\d+) minutes/;

function minutesIn(text: string): number {
	const m = waitMinutes.exec(text);
	return Number(m?.[1] ?? m?.[2] ?? 0);
}

const signIn = (username: string, password: string, cookie = '') =>
	postForm('/account/signin', { username, password }, cookie);

const post = (cookie: string, events: unknown[]) =>
	fetch(`${origin}/api/events`, {
		method: 'POST',
		body: JSON.stringify({ events }),
		headers: { origin, cookie, 'content-type': 'application/json' }
	});

/** The reason each learner's learning is held for, or '' when it is not held. */
async function heldReasons(
	db: Awaited<ReturnType<typeof openClient>>,
	cookies: string[]
): Promise<string[]> {
	const out = [];
	for (const cookie of cookies) {
		const id = learnerIdFromToken(cookie.slice('learner='.length));
		const row = await db.execute({
			sql: "SELECT coalesce(h.reason, '') FROM learners l LEFT JOIN holds h ON h.id = l.hold_id WHERE l.id = ?",
			args: [id]
		});
		out.push(String(row.rows[0]?.[0] ?? 'missing'));
	}
	return out;
}

/** Starts the address's learner counts again (the probes of learner creation count from zero). */
async function forgetAddress(db: Awaited<ReturnType<typeof openClient>>): Promise<void> {
	await db.execute(
		"DELETE FROM rate_limits WHERE key LIKE 'unheldLearnersPerAddress:%' OR key LIKE 'learnersPerAddress:%'"
	);
}

/** The probes run in this order, on one server: each counts what earlier ones spent of shared limits. */
const probes: Record<
	LimitName,
	(check: Check, db: Awaited<ReturnType<typeof openClient>>) => Promise<void>
> = {
	// First: it signs the stress admin in (which spends none of the address's failures), and leaves no
	// session behind for the probes after it to count.
	async secondFactorPerAccount(check, db) {
		const first = await signInStaff(adminUsername, adminPassword);
		await postForm('/account/signout', {}, first);
		const jar: Record<string, string> = {};
		const { client } = cookieClient(origin, jar);
		const password = await client.post('/account/signin', {
			username: adminUsername,
			password: adminPassword
		});
		check(
			password.location === '/account/signin/code',
			'secondFactorPerAccount: the right password leads to the code step'
		);
		const secret = secretOf(origin, adminUsername)!;
		const valid = [-1, 0, 1, 2].map((d) => codeAt(secret, stepNow() + d));
		const wrong = ['000000', '111111', '222222'].find((c) => !valid.includes(c))!;
		const tries = [];
		for (let i = 0; i <= tiny.secondFactorPerAccount[0]; i++)
			tries.push(await client.post('/account/signin/code?/code', { code: wrong }));
		check(
			tries.map((r) => r.status).join() === '400,400,429',
			`secondFactorPerAccount: two wrong codes answer 400, the third 429 (${tries.map((r) => r.status)})`
		);
		check(
			minutesIn(tries.at(-1)!.text) > 0 && tries.at(-1)!.text.includes('Bạn đã thử quá nhiều lần'),
			'secondFactorPerAccount: says how many minutes to wait, in Vietnamese'
		);
		jar.lang = 'en';
		const lastStep = () => scalar(db, 'SELECT last_step FROM user_totp');
		const before = await lastStep();
		const right = await client.post('/account/signin/code?/code', {
			code: await nextCode(origin, adminUsername)
		});
		check(
			right.status === 429 && right.text.includes('Too many attempts'),
			'secondFactorPerAccount: even the right code is refused, in English for a person who chose it'
		);
		const recovery = await client.post('/account/signin/code?/recovery', {
			recovery: takeRecoveryCode(origin, adminUsername)
		});
		check(recovery.status === 429, 'secondFactorPerAccount: and so is a recovery code');
		check(
			(await scalar(db, 'SELECT count(*) FROM sessions')) === 0 &&
				(await lastStep()) === before &&
				(await scalar(db, 'SELECT count(*) FROM recovery_codes WHERE used_at IS NOT NULL')) === 0,
			'secondFactorPerAccount: no session made, no code or recovery code spent'
		);
		check(
			(await scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'two-factor.limited'")) ===
				1,
			'secondFactorPerAccount: the account reaching its limit is in the audit log'
		);
	},
	async signInPerAccount(check, db) {
		const tries = [];
		for (let i = 0; i <= tiny.signInPerAccount[0]; i++)
			tries.push(await signIn('probe-account', 'wrong'));
		check(
			tries.map((r) => r.status).join() === '400,400,429',
			`signInPerAccount: two wrong passwords answer 400, the third 429 (${tries.map((r) => r.status)})`
		);
		const text = await tries.at(-1)!.text();
		check(
			minutesIn(text) > 0 && text.includes('Bạn đã thử quá nhiều lần'),
			'signInPerAccount: says how many minutes to wait, in Vietnamese'
		);
		const english429 = await signIn('probe-account', 'wrong', english);
		check(
			english429.status === 429 && (await english429.text()).includes('Too many attempts'),
			'signInPerAccount: and in English for a person who chose English'
		);
		check(
			(await scalar(db, 'SELECT count(*) FROM sessions')) === 0,
			'signInPerAccount: no session made'
		);
	},
	async signInPerAddress(check) {
		// The probe above spent 2 of the address's 4 failures (a refused attempt is not counted): two
		// more accounts fail as usual, and the next account, with no failure of its own, is refused.
		const statuses = [];
		for (let i = 0; i < 3; i++) statuses.push((await signIn(`probe-address-${i}`, 'wrong')).status);
		check(
			statuses.join() === '400,400,429',
			`signInPerAddress: fresh accounts from one address: ${statuses}`
		);
		const refused = await signIn('probe-address-3', 'wrong');
		check(
			refused.status === 429 && minutesIn(await refused.text()) > 0,
			'signInPerAddress: says how many minutes to wait'
		);
	},
	async signUpPerAddress(check, db) {
		const signUp = (username: string) =>
			postForm('/account/signup', {
				username,
				password: 'a long enough password',
				confirm: 'a long enough password',
				next: '/'
			});
		const statuses = [];
		for (let i = 0; i <= tiny.signUpPerAddress[0]; i++)
			statuses.push((await signUp(`probe-new-${i}`)).status);
		check(
			statuses.join() === '303,303,429',
			`signUpPerAddress: two sign-ups, then 429 (${statuses})`
		);
		check(
			(await scalar(db, "SELECT count(*) FROM users WHERE username = 'probe-new-2'")) === 0,
			'signUpPerAddress: the refused account is not made'
		);
	},
	// Before the wrong-code probe, which leaves the address refused for every code.
	async checkinsPerAddress(check, db) {
		const code = 'CHECKPRQBE234567';
		const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(
			new Date()
		);
		await db.execute({
			sql: "INSERT INTO organizations (id, name, type, region_id, created_at) VALUES ('probe-org', 'Probe', 'school', ?, 0)",
			args: [districts[0]!]
		});
		await db.execute({
			sql: "INSERT INTO in_person_sessions (id, organization_id, held_on, place, region_id, topic, capacity, checkin_code, created_at) VALUES ('probe-session', 'probe-org', ?, 'Hội trường', ?, 'Lừa đảo', 100, ?, 0)",
			args: [today, districts[0]!, code]
		});
		const people = [await newLearner(), await newLearner(), await newLearner()];
		const statuses = [];
		for (const cookie of people)
			statuses.push((await postForm(`/checkin/${code}`, {}, cookie)).status);
		check(
			statuses.join() === '200,200,429',
			`checkinsPerAddress: two check-ins, then 429 (${statuses})`
		);
		const refused = await postForm(`/checkin/${code}`, {}, people[2]!);
		const text = await refused.text();
		check(
			refused.status === 429 && minutesIn(text) > 0 && text.includes('quá nhiều lượt điểm danh'),
			'checkinsPerAddress: says how many minutes to wait, in Vietnamese'
		);
		const english429 = await postForm(`/checkin/${code}`, {}, `${people[2]}; ${english}`);
		check(
			english429.status === 429 && (await english429.text()).includes('Too many check-ins'),
			'checkinsPerAddress: and in English for a person who chose English'
		);
		check(
			(await scalar(db, 'SELECT count(*) FROM checkins')) === 2,
			'checkinsPerAddress: the refused check-in is not stored'
		);
	},
	async joinMissesPerAddress(check) {
		const statuses = [];
		for (let i = 0; i <= tiny.joinMissesPerAddress[0]; i++) {
			statuses.push(
				(await fetch(`${origin}/join/ZZZZZZZ${'23456789'[i]}`, { redirect: 'manual' })).status
			);
		}
		check(
			statuses.join() === '404,404,429',
			`joinMissesPerAddress: two wrong codes, then 429 (${statuses})`
		);
		const refused = await fetch(`${origin}/join/ZZZZZZZZ`, { headers: { cookie: english } });
		check(
			refused.status === 429 && (await refused.text()).includes('Too many wrong codes'),
			'joinMissesPerAddress: every code is refused alike, with the message in English'
		);
	},
	async eventsPerLearner(check, db) {
		const learner = await newLearner();
		const answers = [];
		for (let i = 0; i <= tiny.eventsPerLearner[0]; i++)
			answers.push(await post(learner, [eventFor(lessons[0]!, i * 3)]));
		check(
			answers.map((r) => r.status).join() === '200,200,429',
			`eventsPerLearner: two batches, then 429 (${answers.map((r) => r.status)})`
		);
		const refused = answers.at(-1)!;
		check(Number(refused.headers.get('retry-after')) > 0, 'eventsPerLearner: with Retry-After');
		check(
			((await refused.json()) as { message: string }).message.includes('quá nhanh'),
			'eventsPerLearner: and a message in Vietnamese'
		);
		check(
			(await scalar(db, 'SELECT count(*) FROM learning_events')) === 2,
			'eventsPerLearner: the refused batch stored nothing'
		);
	},
	async eventsPerAddress(check) {
		// The address has sent 3 of its 4 batches above; a new learner's first batch is the 4th.
		const [a, b] = [await newLearner(), await newLearner()];
		const first = await post(a, [eventFor(lessons[0]!, 1000)]);
		const second = await post(b, [eventFor(lessons[0]!, 1003)]);
		check(
			first.status === 200 && second.status === 429,
			`eventsPerAddress: another learner's batch from the same address answers 429 (${first.status}, ${second.status})`
		);
		check(Number(second.headers.get('retry-after')) > 0, 'eventsPerAddress: with Retry-After');
	},
	async newLearnersPerUnitDay(check, db) {
		// Earlier probes made learners from this address too: the address's counts start again here.
		await forgetAddress(db);
		// Three learners made in a unit with no history: the third is a burst, made but held.
		const unit = districts[50]!;
		const made = [];
		for (let i = 0; i < 3; i++) made.push(await newLearner(unit));
		const holds = await heldReasons(db, made);
		check(
			holds.join() === ',,burst-unit',
			`newLearnersPerUnitDay: the third new learner of a unit that day is held (${holds})`
		);
	},
	async unheldLearnersPerAddress(check, db) {
		// Six learners from this address (three above, three more in other units): the seventh is made,
		// but held for review.
		for (let i = 0; i < 3; i++) await newLearner(districts[61 + i]!);
		const next = await newLearner(districts[60]!);
		const [hold] = await heldReasons(db, [next]);
		check(hold === 'burst-address', `unheldLearnersPerAddress: the seventh is held (${hold})`);
	},
	async learnersPerAddress(check, db) {
		const before = await scalar(db, 'SELECT count(*) FROM learners');
		const statuses = [];
		for (let i = 0; i < 6; i++) {
			statuses.push((await postForm('/start', { region: districts[70]!, next: '/' })).status);
		}
		check(
			statuses.join() === '303,303,303,303,303,429',
			`learnersPerAddress: the 13th learner from one address is refused (${statuses})`
		);
		const refused = await postForm('/start', { region: districts[70]!, next: '/' }, english);
		check(
			refused.status === 429 && (await refused.text()).includes('Too many people'),
			'learnersPerAddress: with the minutes to wait, in English'
		);
		check(
			(await scalar(db, 'SELECT count(*) FROM learners')) === before + 5,
			'learnersPerAddress: a refused learner is not made'
		);
	},
	async placeChangesPerLearner(check, db) {
		// A learner of its own (this address may make no more): two moves, then a refusal.
		const token = 'probe-place-changes-token';
		const id = learnerIdFromToken(token);
		await db.execute({
			sql: 'INSERT INTO learners (id, region_id, consented_at, created_at) VALUES (?, ?, ?, ?)',
			args: [id, districts[0]!, Date.now(), Date.now()]
		});
		const cookie = `learner=${token}`;
		const statuses = [];
		for (const region of [districts[1]!, districts[2]!, districts[3]!])
			statuses.push((await postForm('/me?/profile', { region }, cookie)).status);
		const place = await db.execute({
			sql: 'SELECT region_id FROM learners WHERE id = ?',
			args: [id]
		});
		check(
			statuses.join() === '200,200,429' && place.rows[0]?.[0] === districts[2],
			`placeChangesPerLearner: the third move is refused and changes nothing (${statuses})`
		);
		const same = await postForm('/me?/profile', { region: districts[2]! }, cookie);
		const english429 = await postForm(
			'/me?/profile',
			{ region: districts[4]! },
			`${cookie}; ${english}`
		);
		check(
			same.status === 200 &&
				english429.status === 429 &&
				(await english429.text()).includes('changed your place several times'),
			'placeChangesPerLearner: keeping the same place is never refused; the refusal says so in English'
		);
	}
};

export async function limitsTest(): Promise<void> {
	requireBuild();
	const url = freshDatabase('limits');
	const server = await startServer(url, { RATE_LIMITS: testLimits(tiny) });
	const db = await openClient(url);
	const problems: string[] = [];
	const check: Check = (ok, what) => {
		console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
		if (!ok) problems.push(what);
	};
	try {
		for (const [name, probe] of Object.entries(probes)) {
			await probe(check, db).catch((error: unknown) => problems.push(`${name}: ${String(error)}`));
		}
	} finally {
		db.close();
		await server.stop();
	}
	if (problems.length) throw new Error(`limits test failed:\n${problems.join('\n')}`);
}
