/** The limit probes of learners, run after the accounts' and in this order: check-ins to moves. */
import type { LimitName } from '../../src/lib/server/limits.ts';
import { learnerIdFromToken } from '../../src/lib/server/learner/index.ts';
import { districts, eventFor, lessons, origin, scalar, type openClient } from './harness.ts';
import { newLearner, postForm } from './harness-people.ts';
import { english, minutesIn, post, tiny, type Probe } from './limits-common.ts';

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

export const learnerProbes = {
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
} satisfies Partial<Record<LimitName, Probe>>;
