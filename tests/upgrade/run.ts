/**
 * `npm run test:upgrade`: a province that ran the platform on the plan's 12 districts of 2022 upgrades
 * to this build and switches to today's 102 communes and wards, and loses nothing.
 *
 * 1. A database at the last landed schema before the communes (migrations 0000–0001), filled the way
 *    that version wrote it: learners on 2022 districts with lessons and quizzes, an organization with a
 *    campaign for one district (members, attributed events), an in-person session with check-ins, a
 *    district analyst, an admin, a baseline, and rollups of the old definition.
 * 2. `npm run db:migrate` and the built server (`node build`), which rebuilds the rollups to the
 *    current definition in the background; the admin switches to the 2026 set in Admin → Regions.
 * 3. Every former district has the figures the old database had per district, the province counts
 *    each person once, the old units show as "commune not yet known", the analyst sees their district,
 *    the old join link still joins, the campaign targets the district's communes, the session keeps its
 *    place, a learner on a 2022 district is asked for their commune, and `reach:verify` passes.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { learnerIdFromToken } from '../../src/lib/server/learner/index.ts';
import { run, runAsync } from '../process.ts';
import {
	catalogue,
	cookiesOf,
	origin,
	postForm,
	requireBuild,
	signIn,
	startServer
} from '../stress/harness.ts';

const dir = 'tests/.tmp/upgrade';
const file = join(dir, 'province.db');
const url = `file:${file}`;
const problems: string[] = [];
const check = (ok: boolean, what: string) => {
	console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
	if (!ok) problems.push(what);
};

/** The schema as the last version before the communes left it: migrations 0000 and 0001 only. */
async function oldSchema(db: Client): Promise<void> {
	const old = join(dir, 'migrations');
	mkdirSync(join(old, 'meta'), { recursive: true });
	const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8'));
	journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 1);
	writeFileSync(join(old, 'meta/_journal.json'), JSON.stringify(journal));
	for (const e of journal.entries) cpSync(`drizzle/${e.tag}.sql`, join(old, `${e.tag}.sql`));
	await migrate(drizzle(db), { migrationsFolder: old });
}

const lesson = catalogue.courses[0]!.lessons[0]!;
const course = catalogue.courses[0]!.slug;
const district = (code: number) => `dong-thap-2022:${code}`;
const day = (d: number) => Date.UTC(2024, 0, 1) + d * 86_400_000;

/** Old rows, as the 2022 version wrote them; returns what the old figures were, per district. */
async function oldProvince(db: Client, passwordHash: string) {
	const set = JSON.parse(readFileSync('content/regions/dong-thap-2022.json', 'utf8'));
	const statements: { sql: string; args: (string | number | null)[] }[] = [
		{
			sql: 'INSERT INTO region_sets (code, name_vi, name_en, source, active, loaded_at) VALUES (?, ?, ?, ?, 1, 0)',
			args: [set.code, set.name, set.nameEn, set.source]
		},
		...set.units.map((u: { code: string; name: string; nameEn: string }, i: number) => ({
			sql: 'INSERT INTO regions (id, set_code, code, name_vi, name_en, position) VALUES (?, ?, ?, ?, ?, ?)',
			args: [district(Number(u.code)), set.code, u.code, u.name, u.nameEn, i]
		})),
		{
			sql: "INSERT INTO organizations VALUES ('org-lv', 'Đoàn xã Tân Dương', 'youth-union', ?, 0)",
			args: [district(876)]
		},
		...[
			['u-admin', 'upgrade-admin', 'admin', null, null],
			['u-analyst', 'lai-vung-analyst', 'analyst', null, district(876)],
			['u-organizer', 'lai-vung-organizer', 'organizer', 'org-lv', null]
		].map(([id, name, role, org, region]) => ({
			sql: 'INSERT INTO users (id, username, password_hash, role, organization_id, region_id, created_at) VALUES (?, ?, ?, ?, ?, ?, 0)',
			args: [id!, name!, passwordHash, role!, org ?? null, region ?? null]
		})),
		{
			sql: "INSERT INTO campaigns VALUES ('c-lv', 'org-lv', 'Chiến dịch Lai Vung 2024', 'LAVUNG24', NULL, 500, '2024-01-01', '2099-12-31', 'active', 'u-organizer', 0)",
			args: []
		},
		{ sql: "INSERT INTO campaign_courses VALUES ('c-lv', ?, 0)", args: [course] },
		{ sql: "INSERT INTO campaign_regions VALUES ('c-lv', ?)", args: [district(876)] },
		{
			sql: "INSERT INTO in_person_sessions VALUES ('s-lv', 'org-lv', 'c-lv', '2024-03-08', 'Hội trường xã', ?, 'Lừa đảo qua mạng', 40, 'CHECK2N4', 'u-organizer', 0)",
			args: [district(876)]
		},
		{
			sql: "INSERT INTO baselines VALUES (?, 2024, 20000, 'Ước tính thử nghiệm', 1, 'u-admin', 0)",
			args: [district(876)]
		}
	];
	// 60 learners over four districts; some in the campaign, a few checked in, one moved district a
	// day later in the same year (so counts, as now defined, in the first district only).
	let n = 0;
	for (let i = 0; i < 60; i++) {
		const home = [876, 876, 872, 866, 871][i % 5]!;
		const id = `old-learner-${i}`;
		statements.push({
			sql: 'INSERT INTO learners VALUES (?, ?, NULL, NULL, 0, 0, NULL)',
			args: [id, district(home)]
		});
		const events = [home, ...(i === 7 ? [871] : [])];
		for (const at of events) {
			const lessonEvent = `0000${String(n++).padStart(4, '0')}-aaaa-4aaa-8aaa-aaaaaaaaaaaa`;
			const quizEvent = `0000${String(n++).padStart(4, '0')}-bbbb-4bbb-8bbb-bbbbbbbbbbbb`;
			const when = day(i * 5) + (at === home ? 0 : 86_400_000);
			statements.push(
				{
					sql: "INSERT INTO learning_events VALUES (?, ?, 'lesson_completed', ?, ?, ?, ?, ?)",
					args: [lessonEvent, id, district(at), course, lesson.slug, when, when]
				},
				{
					sql: "INSERT INTO learning_events VALUES (?, ?, 'quiz_submitted', ?, ?, ?, ?, ?)",
					args: [quizEvent, id, district(at), course, lesson.slug, when + 60_000, when + 60_000]
				},
				{
					sql: 'INSERT INTO quiz_attempts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
					args: [
						quizEvent,
						id,
						course,
						lesson.slug,
						i % 3 ? 3 : 1,
						4,
						i % 3 ? 1 : 0,
						'old',
						when + 60_000
					]
				}
			);
			if (home === 876 && at === 876 && i % 2 === 0) {
				statements.push({
					sql: "INSERT OR IGNORE INTO campaign_members VALUES ('c-lv', ?, 0)",
					args: [id]
				});
				for (const e of [lessonEvent, quizEvent])
					statements.push({ sql: "INSERT INTO event_campaigns VALUES (?, 'c-lv')", args: [e] });
			}
		}
		if (home === 876 && i < 20)
			statements.push({
				sql: "INSERT INTO checkins VALUES ('s-lv', ?, ?, ?)",
				args: [id, district(876), day(67)]
			});
	}
	// A learner of 2022 whose cookie this test holds (to see the question about their commune).
	const token = 'upgrade-test-learner-token';
	statements.push({
		sql: 'INSERT INTO learners VALUES (?, ?, NULL, NULL, 0, 0, NULL)',
		args: [learnerIdFromToken(token), district(876)]
	});
	// The old rollups: whatever they held, they follow definition 1 and the step is level with them.
	statements.push({
		sql: 'INSERT INTO rollup_state VALUES (1, (SELECT max(rowid) FROM learning_events))',
		args: []
	});
	await db.batch(statements, 'write');
	// What each district should show: every learner once, in the place of their first event of the
	// year (all of a learner's events here are in 2024), skilled if they passed a quiz that year.
	const figures = await db.execute(`
		SELECT r.code, count(DISTINCT f.learner_id) AS reached,
			count(DISTINCT CASE WHEN a.passed THEN f.learner_id END) AS skilled
		FROM regions r LEFT JOIN (
			SELECT learner_id, region_id FROM learning_events e
			WHERE occurred_at = (SELECT min(occurred_at) FROM learning_events WHERE learner_id = e.learner_id)
		) f ON f.region_id = r.id
		LEFT JOIN quiz_attempts a ON a.learner_id = f.learner_id GROUP BY r.code`);
	const province = await db.execute('SELECT count(DISTINCT learner_id) FROM learning_events');
	return {
		token,
		byDistrict: new Map(figures.rows.map((r) => [String(r[0]), [Number(r[1]), Number(r[2])]])),
		people: Number(province.rows[0]![0])
	};
}

requireBuild();
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const password = 'upgrade test password';
const db = createClient({ url });
await oldSchema(db);
const before = await oldProvince(db, await hashPassword(password));
db.close();
console.log(`upgrade: an old province with ${before.people} learners on the 2022 districts`);

run('npm', ['run', '-s', 'db:migrate'], { DATABASE_URL: url });
const server = await startServer(url);
try {
	const admin = await signIn('upgrade-admin', password);
	const use = await postForm('/admin/regions?/use', { code: 'dong-thap-2026' }, admin);
	check(
		use.status === 200,
		`the admin switches to the 102 communes in Admin → Regions (${use.status})`
	);
	const client = createClient({ url });
	for (let i = 0; i < 600; i++) {
		const state = await client.execute(
			'SELECT rebuild_version, definition_version FROM rollup_state'
		);
		if (state.rows[0]?.[0] === null) break;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const active = await client.execute('SELECT code FROM region_sets WHERE active');
	check(active.rows[0]?.[0] === 'dong-thap-2026', 'the 2026 set is the one in use');

	const figures = JSON.parse(
		await runAsync('npm', ['run', '-s', 'reach:figures', '--', '--json'], { DATABASE_URL: url })
	) as {
		official: { reached: number };
		districts: { code: string; reached: number | null; skilled: number | null }[];
		units: { code: string; known: boolean; reached: number | null; district: string }[];
	};
	const shownNow = (n: number) => (n === 0 || n >= 10 ? n : null);
	for (const [code, [reached, skilled]] of before.byDistrict) {
		const now = figures.districts.find((d) => d.code === code);
		check(
			now?.reached === shownNow(reached!) && now?.skilled === shownNow(skilled!),
			`former district ${code}: reached ${now?.reached} / skilled ${now?.skilled}, as before (${reached} / ${skilled})`
		);
	}
	check(
		figures.official.reached === before.people,
		`the province counts each person once: ${figures.official.reached} = ${before.people} distinct learners (one learned in two districts)`
	);
	const unknown = figures.units.filter((u) => !u.known);
	check(
		unknown.some(
			(u) =>
				u.code === '876' && u.reached === figures.districts.find((d) => d.code === '876')?.reached
		),
		'learners still on the 2022 district show as "commune not yet known" under it'
	);
	check(
		figures.units.filter((u) => u.known).length === 102,
		'and the 102 communes and wards are the units'
	);
	await runAsync('npm', ['run', '-s', 'reach:verify'], { DATABASE_URL: url });
	check(true, 'reach:verify: the rollups equal the recomputation at every level');

	const analyst = await signIn('lai-vung-analyst', password);
	const dashboard = await (
		await fetch(`${origin}/dashboard`, { headers: { cookie: analyst } })
	).text();
	check(
		dashboard.includes('Huyện Lai Vung') && !dashboard.includes('Toàn tỉnh'),
		"the district analyst's scope became former Lai Vung: their district, not the province"
	);
	const targets = await client.execute(
		"SELECT count(*) FROM campaign_regions WHERE campaign_id = 'c-lv' AND region_id LIKE 'dong-thap-2026:%'"
	);
	check(
		Number(targets.rows[0]![0]) === 3,
		'the campaign for Lai Vung now targets its three communes as well'
	);
	const session = await client.execute(
		"SELECT region_id FROM in_person_sessions WHERE id = 's-lv'"
	);
	check(session.rows[0]?.[0] === district(876), 'the in-person session keeps its place');

	const start = await postForm('/start', {
		region: 'dong-thap-2026:30214',
		next: '/join/LAVUNG24'
	});
	const newcomer = `learner=${cookiesOf(start).learner}`;
	const join = await fetch(`${origin}/join/LAVUNG24`, { headers: { cookie: newcomer } });
	const members = await client.execute(
		"SELECT count(*) FROM campaign_members WHERE campaign_id = 'c-lv'"
	);
	check(
		join.status === 200 && Number(members.rows[0]![0]) > 12,
		`the old join link still joins (${join.status})`
	);

	// The home page is the same for everyone; what it asks this learner comes from /api/me/progress.
	const me = async () =>
		(await (
			await fetch(`${origin}/api/me/progress`, { headers: { cookie: `learner=${before.token}` } })
		).json()) as { learner: { askPlace: boolean } | null };
	check(
		(await me()).learner?.askPlace === true,
		'a learner on a 2022 district is asked for their commune'
	);
	const later = await postForm('/place?/later', { next: '/' }, `learner=${before.token}`);
	check(
		later.status === 303 && (await me()).learner?.askPlace === false,
		'once: "later" is remembered'
	);
	client.close();
} catch (error) {
	console.error(`the server said:\n${server.stderr()}`);
	throw error;
} finally {
	await server.stop();
}
if (problems.length) {
	console.error(`upgrade test failed:\n${problems.join('\n')}`);
	process.exit(1);
}
console.log('upgrade: passed');
