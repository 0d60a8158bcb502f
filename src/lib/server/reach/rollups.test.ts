import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { by } from './counted.test-helper';
import { and, eq, sql } from 'drizzle-orm';
import { createCampaign, joinCampaign } from '../campaigns/store';
import { buildCatalogue } from '../content/catalogue';
import { validCourse } from '../content/fixture.test-helper';
import { createUser } from '../auth/users';
import { reachMonthly } from '../db/schema';
import { readFileSync } from 'node:fs';
import { loadWithFormerSet } from '../db/regions';
import { testDatabase } from '../db/test-db.test-helper';
import { createLearner, updateLearner } from '../learner';
import { eraseLearner } from '../learner/erase';
import { mergeIntoAccount } from '../learner/merge';
import { recordEvent, type EventInput, type Recorder } from './record';
import { rebuildRollups } from './rebuild';
import { syncLessonTags } from './rollups';
import { catchUp } from './step';
import { verifyRollups } from './verify';

const catalogue = buildCatalogue(validCourse()).catalogue;
const caoLanh = 'dong-thap-2022:866';
const saDec = 'dong-thap-2022:867';
const pass = { call: ['b'], signs: ['a', 'b'], otp: ['a'] };
const fail = { call: ['a'] };
const communes = JSON.parse(readFileSync('content/regions/dong-thap-2026.json', 'utf8'));
const shipped = (code: string) =>
	JSON.parse(readFileSync(`content/regions/${code}.json`, 'utf8')) as unknown;
let database: Awaited<ReturnType<typeof testDatabase>>;

beforeEach(async () => {
	database = await testDatabase();
	await syncLessonTags(database.db, catalogue);
});
afterEach(() => database.cleanup());

async function learner(
	regionId = caoLanh,
	ageBand: '15-24' | '60-plus' | null = null
): Promise<Recorder> {
	const { id } = await createLearner(database.db, regionId, ageBand);
	return by(id, regionId);
}
const at = (day: string, hour = 9) =>
	new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+07:00`);
const done = (day: string, id = crypto.randomUUID()): EventInput => ({
	id,
	type: 'lesson_completed',
	course: 'demo',
	lesson: 'first',
	occurredAt: at(day)
});
const quiz = (
	day: string,
	answers: Record<string, string[]>,
	id = crypto.randomUUID()
): EventInput => ({
	id,
	type: 'quiz_submitted',
	course: 'demo',
	lesson: 'first',
	occurredAt: at(day),
	answers
});
/** Records an event, then runs the background rollup step as the server would right after. */
const record = async (who: Recorder, e: EventInput) => {
	await recordEvent(database.db, catalogue, who, e);
	await catchUp(database.db);
};

async function monthly(regionId: string, kind = 'reached', dim = 'all', value = '') {
	const rows = await database.db
		.select({ day: reachMonthly.month, n: reachMonthly.learners })
		.from(reachMonthly)
		.where(
			and(
				eq(reachMonthly.area, regionId),
				eq(reachMonthly.kind, kind as 'reached'),
				eq(reachMonthly.dim, dim),
				eq(reachMonthly.value, value),
				sql`${reachMonthly.learners} <> 0`
			)
		)
		.orderBy(reachMonthly.month);
	return Object.fromEntries(rows.map((r) => [r.day, r.n]));
}

async function expectConsistent() {
	const v = await verifyRollups(database.db);
	expect(v.firstsWrong, JSON.stringify(v)).toBe(0);
	expect(v.monthlyWrong, JSON.stringify(v)).toBe(0);
	// Checked in chunks of one or a few learners, the same recomputation gives the same answer.
	for (const size of [1, 3]) expect(await verifyRollups(database.db, size)).toEqual(v);
	return v;
}

describe('reach rollups', () => {
	it('count a learner once per district, on the day they first learned', async () => {
		const a = await learner();
		await record(a, done('2026-03-02'));
		await record(a, done('2026-03-05'));
		await record(a, quiz('2026-03-05', pass));
		const b = await learner(saDec);
		await record(b, quiz('2026-04-01', fail));
		expect(await monthly(caoLanh)).toEqual({ '2026-03': 1 });
		expect(await monthly(caoLanh, 'skilled')).toEqual({ '2026-03': 1 });
		expect(await monthly(saDec)).toEqual({ '2026-04': 1 });
		expect(await monthly(saDec, 'skilled')).toEqual({});
		await expectConsistent();
	});

	it('count a person in one place a year: the unit of their first event of the year, its district, the province', async () => {
		await loadWithFormerSet(database.db, communes, shipped);
		const myTho = 'dong-thap-2026:28261';
		const daoThanh = 'dong-thap-2026:28249';
		const goCong = 'dong-thap-2026:28306';
		// One person learns in two communes of former Mỹ Tho city (815) and on the old district 866, all
		// in 2026: they count in Mỹ Tho, where their year began, and nowhere else.
		const a = await learner(myTho);
		await record(a, done('2026-03-02'));
		await record({ ...a, regionId: daoThanh }, quiz('2026-04-01', pass));
		await record({ ...a, regionId: caoLanh }, done('2026-05-01'));
		const b = await learner(goCong);
		await record(b, done('2026-05-03'));
		expect(await monthly(myTho)).toEqual({ '2026-03': 1 });
		expect(await monthly(myTho, 'skilled')).toEqual({ '2026-04': 1 });
		expect(await monthly(daoThanh)).toEqual({});
		expect(await monthly(caoLanh)).toEqual({});
		expect(await monthly('district:815')).toEqual({ '2026-03': 1 });
		expect(await monthly('district:815', 'skilled')).toEqual({ '2026-04': 1 });
		expect(await monthly('district:866')).toEqual({});
		expect(await monthly('district:816')).toEqual({ '2026-05': 1 });
		// Someone who moved: Cao Lãnh in 2025, Mỹ Tho from 2026; once in the province.
		const c = await learner(caoLanh);
		await record(c, done('2025-06-10'));
		await record({ ...c, regionId: myTho }, done('2026-02-01'));
		expect(await monthly(caoLanh)).toEqual({ '2025-06': 1 });
		expect(await monthly(myTho)).toEqual({ '2026-02': 1, '2026-03': 1 });
		expect(await monthly('district:866')).toEqual({ '2025-06': 1 });
		expect(await monthly('province')).toEqual({ '2025-06': 1, '2026-03': 1, '2026-05': 1 });
		// A late offline event that now starts the year elsewhere moves the whole year there.
		await record({ ...a, regionId: goCong }, done('2026-01-15'));
		expect(await monthly(myTho)).toEqual({ '2026-02': 1 });
		expect(await monthly(goCong)).toEqual({ '2026-01': 1, '2026-05': 1 });
		await expectConsistent();
	});

	it('move a learner to an earlier day when an offline event arrives late, and ignore replays', async () => {
		const a = await learner();
		const late = done('2026-02-10');
		await record(a, done('2026-03-01'));
		await record(a, late);
		await record(a, late);
		expect(await monthly(caoLanh)).toEqual({ '2026-02': 1 });
		expect(await monthly('district:866', 'reached', 'course', 'demo')).toEqual({ '2026-02': 1 });
		await expectConsistent();
	});

	it('use the province calendar (UTC+7): 00:30 on 1 January there is already the new year', async () => {
		const a = await learner();
		await record(a, { ...done('2025-12-31'), occurredAt: new Date('2025-12-31T17:30:00Z') });
		expect(await monthly(caoLanh)).toEqual({ '2026-01': 1 });
	});

	it('break down by audience, age band, campaign and organization type', async () => {
		const org = crypto.randomUUID();
		await database.client.execute({
			sql: "INSERT INTO organizations VALUES (?, 'Hội Phụ nữ', 'womens-union', ?, 0)",
			args: [org, caoLanh]
		});
		const campaign = await createCampaign(database.db, org, null, {
			title: 'Chiến dịch',
			courses: ['demo'],
			regions: [caoLanh],
			audience: null,
			targetSize: 10,
			startsOn: '2026-01-01',
			endsOn: '2099-01-01'
		});
		const a = await learner(caoLanh, '60-plus');
		await joinCampaign(database.db, campaign.id, a.learnerId, at('2026-05-01', 8));
		await record(a, done('2026-05-01'));
		// Breakdowns are kept for former districts and the province; a unit keeps its headline.
		for (const area of ['district:866', 'province']) {
			expect(await monthly(area, 'reached', 'audience', 'residents')).toEqual({ '2026-05': 1 });
			expect(await monthly(area, 'reached', 'age', '60-plus')).toEqual({ '2026-05': 1 });
			expect(await monthly(area, 'reached', 'campaign', campaign.id)).toEqual({ '2026-05': 1 });
			expect(await monthly(area, 'reached', 'orgtype', 'womens-union')).toEqual({ '2026-05': 1 });
		}
		expect(await monthly(caoLanh, 'reached', 'age', '60-plus')).toEqual({});
		await expectConsistent();
	});

	it('stay exact through an account merge, a change of age band and an erasure', async () => {
		const user = (await createUser(database.db, {
			username: 'hoa',
			password: 'long enough password'
		}))!;
		const phone = await learner();
		await mergeIntoAccount(database.db, phone.learnerId, user.id);
		await record(phone, done('2026-06-10'));
		const tablet = await learner();
		await record(tablet, quiz('2026-05-20', pass));
		expect(await monthly(caoLanh)).toEqual({ '2026-05': 1, '2026-06': 1 });

		await mergeIntoAccount(database.db, tablet.learnerId, user.id);
		expect(await monthly(caoLanh)).toEqual({ '2026-05': 1 });
		expect(await monthly(caoLanh, 'skilled')).toEqual({ '2026-05': 1 });
		await expectConsistent();

		await updateLearner(database.db, phone.learnerId, caoLanh, '15-24');
		expect(await monthly('province', 'reached', 'age', '15-24')).toEqual({ '2026-05': 1 });
		expect(await monthly('province', 'reached', 'age', 'unknown')).toEqual({});
		await expectConsistent();

		await eraseLearner(database.db, phone.learnerId);
		expect(await monthly(caoLanh)).toEqual({ '2026-05': 1 });
		expect(await monthly('province', 'reached', 'age', 'unknown')).toEqual({ '2026-05': 1 });
		await expectConsistent();
	});

	it('equal a full recomputation after many events in any order', async () => {
		const people = await Promise.all(
			Array.from({ length: 12 }, (_, i) => learner(i % 2 ? caoLanh : saDec))
		);
		const events: [Recorder, EventInput][] = [];
		people.forEach((p, i) => {
			for (let d = 0; d < 4; d++) {
				const day = `2026-0${1 + ((i + d) % 9)}-1${d}`;
				events.push([p, d % 2 ? quiz(day, i % 3 ? pass : fail) : done(day)]);
			}
		});
		for (const [p, e] of events.reverse()) await record(p, e);
		for (const [p, e] of events.slice(0, 10)) await record(p, e);
		const live = await expectConsistent();
		expect(live.firstsChecked).toBeGreaterThan(0);
		const order = [
			reachMonthly.dim,
			reachMonthly.area,
			reachMonthly.kind,
			reachMonthly.value,
			reachMonthly.month
		] as const;
		const before = await database.db
			.select()
			.from(reachMonthly)
			.orderBy(...order);
		await rebuildRollups(database.db);
		const after = await database.db
			.select()
			.from(reachMonthly)
			.orderBy(...order);
		expect(after).toEqual(before.filter((r) => r.learners !== 0));
	});

	it('are rebuilt in chunks of learners to the same rows, repairing any damage', async () => {
		const people = await Promise.all(
			Array.from({ length: 7 }, (_, i) => learner(i % 2 ? caoLanh : saDec))
		);
		for (const [i, p] of people.entries()) {
			await record(p, done(`2026-0${1 + (i % 5)}-0${1 + i}`));
			await record(p, quiz(`2026-0${2 + (i % 5)}-1${i}`, i % 2 ? pass : fail));
		}
		const order = [
			reachMonthly.dim,
			reachMonthly.area,
			reachMonthly.kind,
			reachMonthly.value,
			reachMonthly.month
		] as const;
		const before = await database.db
			.select()
			.from(reachMonthly)
			.orderBy(...order);
		// Damage: a wrong count, a lost first day, a first day of nobody.
		await database.db.run(sql`UPDATE reach_monthly SET learners = learners + 5`);
		await database.db.run(
			sql`DELETE FROM reach_firsts WHERE rowid IN (SELECT rowid FROM reach_firsts LIMIT 3)`
		);
		const damaged = await verifyRollups(database.db, 2);
		expect(damaged.firstsWrong).toBe(3);
		expect(damaged.monthlyWrong).toBeGreaterThan(0);
		await rebuildRollups(database.db, 2);
		await expectConsistent();
		const after = await database.db
			.select()
			.from(reachMonthly)
			.orderBy(...order);
		expect(after).toEqual(before.filter((r) => r.learners !== 0));
		// Nothing is left for the background step to fold in twice.
		expect(await catchUp(database.db)).toBe(0);
	});
});
