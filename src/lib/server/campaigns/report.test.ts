import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCatalogue } from '../content/catalogue';
import { validCourse } from '../content/fixture.test-helper';
import { testDatabase } from '../db/test-db.test-helper';
import { createLearner } from '../learner';
import { by } from '../reach/counted.test-helper';
import { recordEvent } from '../reach/record';
import { campaignReport } from './report';
import { createCampaign, joinCampaign } from './store';

const other = Object.fromEntries(
	Object.entries(validCourse('other')).map(([path, text]) => [
		path,
		text.replace('order: 1', 'order: 2')
	])
);
const catalogue = buildCatalogue({ ...validCourse('demo'), ...other }).catalogue;
const region = 'dong-thap-2022:871';
const allRight = { call: ['b'], signs: ['a', 'b'], otp: ['a'] };
const allWrong = { call: ['a'], signs: ['c'], otp: ['b'] };
const callWrong = { call: ['a'], signs: ['a', 'b'], otp: ['a'] };
let database: Awaited<ReturnType<typeof testDatabase>>;
let campaign: { id: string; targetSize: number; courses: string[] };

beforeEach(async () => {
	database = await testDatabase();
	const orgId = crypto.randomUUID();
	await database.client.execute({
		sql: "INSERT INTO organizations (id, name, type, region_id, created_at) VALUES (?, 'Trường THCS Tam Nông', 'school', ?, 0)",
		args: [orgId, region]
	});
	const created = await createCampaign(database.db, orgId, null, {
		title: 'Tuần lễ an toàn mạng',
		courses: ['demo', 'other'],
		regions: [region],
		audience: null,
		targetSize: 600,
		startsOn: '2026-01-01',
		endsOn: '2099-12-31'
	});
	campaign = { ...created, courses: ['demo', 'other'] };
});
afterEach(() => database.cleanup());

/** A member who takes one quiz (or completes a lesson) of a course, on a day. */
async function member(
	answers: Record<string, string[]> | null,
	course = 'demo',
	occurredAt = new Date()
) {
	const { id } = await createLearner(database.db, region, null);
	await joinCampaign(database.db, campaign.id, id, new Date('2026-01-01T00:00:00Z'));
	const base = { id: crypto.randomUUID(), course, lesson: 'first', occurredAt };
	await recordEvent(
		database.db,
		catalogue,
		by(id, region),
		answers ? { ...base, type: 'quiz_submitted', answers } : { ...base, type: 'lesson_completed' }
	);
}
const report = () => campaignReport(database.db, catalogue, campaign, 'vi');
const wrongRates = async () => (await report()).questions.map((q) => q.wrongRate);

describe('campaign report', () => {
	it('shows exact headline counts, hides small rows and rates about fewer than 10 people', async () => {
		await member(allRight);
		await member(allWrong);
		const r = await report();
		expect(r).toMatchObject({ reached: 2, lessonsCompleted: 2, attempts: 2, passRate: null });
		expect(r.courses[0]).toMatchObject({ learners: null, completions: null, passRate: null });
		expect(r.questions.map((q) => [q.answers, q.wrongRate])).toEqual([
			[2, null],
			[2, null],
			[2, null]
		]);
		expect(r.daily.map((d) => [d.completions, d.learners])).toEqual([[null, null]]);
	});

	it("replays the issue: one more attempt never tells the organizer that person's result", async () => {
		// 10 attempts, 7 passed: 70% once. Now the 3 who failed are too few: no rate is shown.
		for (let i = 0; i < 10; i++) await member(i < 7 ? allRight : allWrong);
		expect((await report()).passRate).toBeNull();
		expect(await wrongRates()).toEqual([null, null, null]);
		await member(allWrong); // 63.6% if shown exactly: the newcomer failed
		expect((await report()).passRate).toBeNull();
		expect(await wrongRates()).toEqual([null, null, null]);

		// At a size where rates show: 40 people, 27 passed (67.5%, shown as 70%).
		for (let i = 11; i < 40; i++) await member(i < 31 ? allRight : i < 37 ? allWrong : callWrong);
		const before = await report();
		expect(before.passRate).toBe(70);
		const beforeWrong = before.questions.map((q) => q.wrongRate);
		// 13 of 40 got the first question wrong (32.5%), 10 the others (25%).
		expect(beforeWrong).toEqual([35, 25, 25]);
		// The 41st fails every question: 65.9% passed, 65% once rounded, yet what is shown stays.
		await member(allWrong);
		const after = await report();
		expect([after.passRate, after.courses[0]!.passRate]).toEqual([70, 70]);
		expect(after.questions.map((q) => q.wrongRate)).toEqual(beforeWrong);
		for (let i = 41; i < 49; i++) await member(allWrong);
		expect((await report()).passRate).toBe(70);
		// The 50th: 10 more people than at the last publication, so the rate moves, all together.
		await member(allWrong);
		expect((await report()).passRate).toBe(55);
		const stored = await database.client.execute({
			sql: 'SELECT value, people FROM published_rates WHERE key = ?',
			args: [`campaign:${campaign.id}:pass`]
		});
		expect(Array.from(stored.rows[0]!)).toEqual([55, 50]);
	});

	it('hides a second course and a second day when only one would be hidden', async () => {
		const day = (d: number) => new Date(Date.UTC(2026, 2, d, 3));
		for (let i = 0; i < 12; i++) await member(null, 'demo', day(1));
		for (let i = 0; i < 3; i++) await member(null, 'other', day(2));
		for (let i = 0; i < 20; i++) await member(null, 'demo', day(3));
		const r = await report();
		expect(r.reached).toBe(35);
		// 3 on "other" would be 35 minus "demo"'s 32 without hiding both.
		expect(r.courses.map((c) => [c.learners, c.completions])).toEqual([
			[null, null],
			[null, null]
		]);
		expect(r.daily.map((d) => [d.day, d.learners])).toEqual([
			['2026-03-01', null],
			['2026-03-02', null],
			['2026-03-03', 20]
		]);
	});
});
