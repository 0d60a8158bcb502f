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
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { run, runAsync } from '../process.ts';
import { origin, requireBuild, startServer } from '../stress/harness.ts';
import { cookiesOf, postForm, signIn } from '../stress/harness-people.ts';
import { dir, district, oldProvince, oldSchema } from './old-province.ts';

const file = join(dir, 'province.db');
const url = `file:${file}`;
const problems: string[] = [];
const check = (ok: boolean, what: string) => {
	console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
	if (!ok) problems.push(what);
};

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
