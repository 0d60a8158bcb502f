/**
 * The honest side of the attack test: a commune hall of 100 phones on one Wi-Fi (one address), with the
 * shipped limits and reading pace. Past the 20th, their new learners are held as a burst from one
 * address, as a script's would be; once each person checks in at the hall's in-person session (a POST
 * in the session's window), they are vouched for and all 100 count. Past the 50th, the commune's new
 * learners that day are a burst of their own too: the check-in vouches for those as well. Nothing is
 * lifted.
 */
import { runAsync } from '../process.ts';
import {
	districts,
	freshDatabase,
	lessons,
	openClient,
	origin,
	requireBuild,
	scalar,
	startServer
} from '../stress/harness.ts';
import { makeStaff, postForm, newLearner } from '../stress/harness-people.ts';

const people = 100;
const lesson = lessons[0]!;

requireBuild();
const url = freshDatabase('hall');
const server = await startServer(url, { RATE_LIMITS: '', READING_PACE: '1' });
const db = await openClient(url);
const problems: string[] = [];
const check = (ok: boolean, what: string) => {
	console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
	if (!ok) problems.push(what);
};
const official = () =>
	scalar(
		db,
		"SELECT count(*) FROM reach_firsts WHERE area = 'province' AND dim = 'all' AND kind = 'reached'"
	);
const caughtUp = async () => {
	// The dashboard's read folds in what was just written; reach:figures does the same.
	await runAsync('npm', ['run', '-s', 'reach:figures', '--', '--json'], { DATABASE_URL: url });
};

try {
	const staff = await makeStaff(db);
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(
		new Date()
	);
	const made = await postForm(
		'/organize/sessions/new',
		{
			heldOn: today,
			place: 'Hội trường UBND xã',
			region: districts[0]!,
			topic: 'Nhận diện lừa đảo qua mạng',
			campaign: '',
			capacity: '120',
			selfReported: ''
		},
		staff.organizerA
	);
	if (made.status !== 303) throw new Error(`the hall's session: ${made.status}`);
	const sessionId = made.headers.get('location')!.split('/').pop()!;
	const code = String(
		(
			await db.execute({
				sql: 'SELECT checkin_code FROM in_person_sessions WHERE id = ?',
				args: [sessionId]
			})
		).rows[0]![0]
	);
	const before = await official();

	// 100 people start and read a lesson on their phones: opened, then finished after reading it.
	const cookies: string[] = [];
	for (let i = 0; i < people; i++) cookies.push(await newLearner(districts[0]!));
	const now = Date.now();
	for (const cookie of cookies) {
		const events = [
			['lesson_opened', now - 8 * 60_000],
			['lesson_completed', now]
		].map(([type, occurredAt]) => ({
			id: crypto.randomUUID(),
			type,
			course: lesson.course,
			lesson: lesson.lesson,
			occurredAt
		}));
		const sent = await fetch(`${origin}/api/events`, {
			method: 'POST',
			headers: { origin, cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ events })
		});
		if (sent.status !== 200) throw new Error(`events: ${sent.status}`);
	}
	await caughtUp();
	const heldBefore = await scalar(db, 'SELECT count(*) FROM learners WHERE hold_id IS NOT NULL');
	const countedBefore = (await official()) - before;
	check(
		countedBefore === 20 && heldBefore === people - 20,
		`before the check-in: 20 of the hall count, ${people - 20} are held as a burst (from one address, then in one commune) (${countedBefore} counted, ${heldBefore} held)`
	);

	// Each scans the session's code: the link shows a button, the button checks them in.
	const statuses = new Map<number, number>();
	for (const cookie of cookies) {
		const page = await fetch(`${origin}/checkin/${code}`, { headers: { cookie } });
		const posted = await postForm(`/checkin/${code}`, {}, cookie);
		const key = page.status * 1000 + posted.status;
		statuses.set(key, (statuses.get(key) ?? 0) + 1);
	}
	check(
		statuses.get(200_200) === people,
		`every phone opens the check-in page and checks in (${[...statuses].map(([k, n]) => `${Math.floor(k / 1000)}/${k % 1000}×${n}`)})`
	);
	await caughtUp();
	const countedAfter = (await official()) - before;
	check(
		countedAfter === people,
		`after the check-in: the whole hall counts (${countedAfter} of ${people})`
	);
	const checkins = await scalar(db, 'SELECT count(*) FROM checkins WHERE session_id = ?', [
		sessionId
	]);
	check(checkins === people, `and the session has ${people} verified check-ins (${checkins})`);
	await runAsync('npm', ['run', '-s', 'reach:verify'], { DATABASE_URL: url });
	check(true, 'reach:verify: the rollups and the tiers add up');
} finally {
	db.close();
	await server.stop();
}
if (problems.length) {
	console.error(`hall test failed:\n${problems.join('\n')}`);
	process.exit(1);
}
console.log('hall: passed');
