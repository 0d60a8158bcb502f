import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { by } from '../reach/counted.test-helper';
import { count, eq } from 'drizzle-orm';
import { buildCatalogue } from '../content/catalogue';
import { validCourse } from '../content/fixture.test-helper';
import { auditLog, eventCampaigns } from '../db/schema';
import { testDatabase } from '../db/test-db.test-helper';
import { createLearner } from '../learner';
import { recordEvent, type EventInput } from '../reach/record';
import { provinceDay } from '../dates';
import { readCampaignForm } from './form';
import { campaignReport } from './report';
import { checkIn, createInPersonSession, verifiedCount } from './sessions';
import { createUser } from '../auth/users';
import { createCampaign, joinCampaign, joinState, setCampaignStatus, statusChange } from './store';

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
let database: Awaited<ReturnType<typeof testDatabase>>;
let orgId: string;

beforeEach(async () => {
	database = await testDatabase();
	orgId = crypto.randomUUID();
	await database.client.execute({
		sql: "INSERT INTO organizations (id, name, type, region_id, created_at) VALUES (?, 'Trường THCS Tam Nông', 'school', ?, 0)",
		args: [orgId, region]
	});
});
afterEach(() => database.cleanup());

async function organizer() {
	const user = await createUser(database.db, {
		username: `organizer-${crypto.randomUUID().slice(0, 8)}`,
		password: 'a test password',
		role: 'organizer',
		organizationId: orgId
	});
	return user!;
}

const input = (courses = ['demo']) => ({
	title: 'Tuần lễ an toàn mạng',
	courses,
	regions: [region],
	audience: 'students',
	targetSize: 600,
	startsOn: '2026-01-01',
	endsOn: '2099-12-31'
});

async function learner() {
	const { id } = await createLearner(database.db, region, null);
	return by(id, region);
}

const done = (course = 'demo', occurredAt = new Date()): EventInput => ({
	id: crypto.randomUUID(),
	type: 'lesson_completed',
	course,
	lesson: 'first',
	occurredAt
});
const quiz = (answers: Record<string, string[]>): EventInput => ({
	id: crypto.randomUUID(),
	type: 'quiz_submitted',
	course: 'demo',
	lesson: 'first',
	occurredAt: new Date(),
	answers
});

async function attributed(campaignId: string): Promise<number> {
	const [row] = await database.db
		.select({ n: count() })
		.from(eventCampaigns)
		.where(eq(eventCampaigns.campaignId, campaignId));
	return row?.n ?? 0;
}

describe('attribution', () => {
	it("counts a member's events in the campaign's courses, once each, and nothing else", async () => {
		const campaign = await createCampaign(database.db, orgId, null, input());
		const who = await learner();
		await recordEvent(database.db, catalogue, who, done('demo', new Date(Date.now() - 60_000)));
		expect(await attributed(campaign.id)).toBe(0);

		await joinCampaign(database.db, campaign.id, who.learnerId);
		const event = done();
		await recordEvent(database.db, catalogue, who, event);
		await recordEvent(database.db, catalogue, who, event);
		await recordEvent(database.db, catalogue, who, done('other'));
		expect(await attributed(campaign.id)).toBe(1);
	});

	it('attributes one event to every campaign the learner is in, and to none that is paused', async () => {
		const a = await createCampaign(database.db, orgId, null, input());
		const b = await createCampaign(database.db, orgId, null, input(['demo', 'other']));
		const paused = await createCampaign(database.db, orgId, null, input());
		await setCampaignStatus(database.db, paused, 'paused', await organizer());
		const who = await learner();
		for (const c of [a, b, paused]) await joinCampaign(database.db, c.id, who.learnerId);
		await recordEvent(database.db, catalogue, who, done());
		expect([await attributed(a.id), await attributed(b.id), await attributed(paused.id)]).toEqual([
			1, 1, 0
		]);
	});

	it('reopens a closed campaign only to active, audited, without counting what came while closed', async () => {
		expect(statusChange('active', 'paused')).toBe('campaign.paused');
		expect(statusChange('paused', 'closed')).toBe('campaign.closed');
		expect(statusChange('closed', 'paused')).toBeNull();
		expect(statusChange('active', 'active')).toBeNull();
		const campaign = await createCampaign(database.db, orgId, null, input());
		const actor = await organizer();
		const who = await learner();
		await joinCampaign(database.db, campaign.id, who.learnerId, new Date(Date.now() - 120_000));
		expect(await setCampaignStatus(database.db, campaign, 'closed', actor)).toBe(true);
		await recordEvent(database.db, catalogue, who, done('demo', new Date(Date.now() - 60_000)));
		const closed = { ...campaign, status: 'closed' as const };
		expect(await setCampaignStatus(database.db, closed, 'paused', actor)).toBe(false);
		expect(await setCampaignStatus(database.db, closed, 'active', actor)).toBe(true);
		expect(await attributed(campaign.id)).toBe(0);
		await recordEvent(database.db, catalogue, who, done('other'));
		await recordEvent(database.db, catalogue, who, done());
		expect(await attributed(campaign.id)).toBe(1);
		const actions = await database.db.select({ action: auditLog.action }).from(auditLog);
		expect(actions.map((a) => a.action)).toEqual(['campaign.closed', 'campaign.reopened']);
	});

	it("does not count learning outside the campaign's dates", async () => {
		const past = await createCampaign(database.db, orgId, null, {
			...input(),
			startsOn: '2025-01-01',
			endsOn: '2025-01-31'
		});
		const who = await learner();
		await joinCampaign(database.db, past.id, who.learnerId, new Date('2025-01-01T00:00:00Z'));
		await recordEvent(database.db, catalogue, who, done('demo', new Date()));
		expect(await attributed(past.id)).toBe(0);
		expect(joinState(past)).toBe('ended');
	});
});

describe('campaign report', () => {
	it('shows exact participation counts but hides rates behind fewer than 10 people', async () => {
		const campaign = await createCampaign(database.db, orgId, null, input());
		const people = [await learner(), await learner(), await learner()];
		for (const p of people) await joinCampaign(database.db, campaign.id, p.learnerId);
		await recordEvent(database.db, catalogue, people[0]!, done());
		await recordEvent(database.db, catalogue, people[0]!, quiz(allRight));
		await recordEvent(database.db, catalogue, people[1]!, quiz(allWrong));
		const report = await campaignReport(
			database.db,
			catalogue,
			{ ...campaign, courses: ['demo'] },
			'vi'
		);
		expect(report).toMatchObject({
			joined: 3,
			reached: 2,
			lessonsCompleted: 2,
			attempts: 2,
			passRate: null,
			targetSize: 600
		});
		expect(report.courses[0]).toMatchObject({
			slug: 'demo',
			learners: 2,
			completions: 2,
			passRate: null
		});
		expect(report.questions.map((q) => [q.number, q.answers, q.wrongRate])).toEqual([
			[1, 2, null],
			[2, 2, null],
			[3, 2, null]
		]);
		expect(report.daily).toEqual([{ day: provinceDay(), completions: 2, learners: 2 }]);
	});

	it('computes pass and wrong rates once 10 or more people are behind them', async () => {
		const campaign = await createCampaign(database.db, orgId, null, input());
		for (let i = 0; i < 10; i++) {
			const p = await learner();
			await joinCampaign(database.db, campaign.id, p.learnerId);
			await recordEvent(database.db, catalogue, p, quiz(i < 7 ? allRight : allWrong));
		}
		const report = await campaignReport(
			database.db,
			catalogue,
			{ ...campaign, courses: ['demo'] },
			'en'
		);
		expect(report.passRate).toBe(70);
		expect(report.questions.map((q) => q.wrongRate)).toEqual([30, 30, 30]);
		expect(report.courses[0]?.passRate).toBe(70);
	});
});

describe('campaign form', () => {
	const form = (fields: Record<string, string | readonly string[]>) => {
		const data = new FormData();
		for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) data.append(k, x);
		return data;
	};
	const good = {
		title: 'Tuần lễ an toàn mạng',
		courses: 'online-scams',
		regions: region,
		audience: '',
		targetSize: '600',
		startsOn: '2026-12-01',
		endsOn: '2026-12-31'
	};

	it.each([
		[{ endsOn: '2026-11-30' }, 'campaign.problem.endBeforeStart'],
		[{ startsOn: '2026-02-30' }, 'campaign.problem.startsOn'],
		[{ courses: 'no-such-course' }, 'campaign.problem.unknownCourse'],
		[{ courses: [] }, 'campaign.problem.courses'],
		[{ targetSize: '-5' }, 'campaign.problem.size'],
		[{ regions: 'dong-thap-2022:999' }, 'campaign.problem.regions'],
		[{ title: 'x' }, 'campaign.problem.title'],
		[{ title: 'Hồ sơ \u202Egnp.exe' }, 'error.text.hidden'],
		[{ title: 'Chiến\u0000dịch' }, 'error.text.hidden'],
		[{ title: '\u200B\u200B\u200B\u200B' }, 'error.text.invisible'],
		[{ audience: 'everyone' }, 'campaign.problem.audience']
	] as const)('refuses %j with a clear reason', async (change, problem) => {
		const result = await readCampaignForm(database.db, form({ ...good, ...change }));
		expect(result).toMatchObject({ ok: false, problem });
	});

	it('accepts a good form, its title trimmed and in NFC', async () => {
		expect(await readCampaignForm(database.db, form(good))).toMatchObject({
			ok: true,
			input: { targetSize: 600, audience: null }
		});
		const typed = ' Tua\u0302\u0300n le\u0302\u0303 ';
		expect(await readCampaignForm(database.db, form({ ...good, title: typed }))).toMatchObject({
			ok: true,
			input: { title: 'Tuần lễ' }
		});
	});
});

describe('in-person sessions', () => {
	it('counts each verified check-in once and keeps typed attendance apart', async () => {
		const session = await createInPersonSession(database.db, orgId, null, {
			heldOn: '2026-11-20',
			place: 'Hội trường xã',
			regionId: region,
			topic: 'Lừa đảo qua điện thoại',
			campaignId: null,
			selfReported: 120
		});
		const a = await learner();
		const b = await learner();
		expect(await checkIn(database.db, session.id, { id: a.learnerId, regionId: region })).toBe(
			'new'
		);
		expect(await checkIn(database.db, session.id, { id: a.learnerId, regionId: region })).toBe(
			'again'
		);
		await checkIn(database.db, session.id, { id: b.learnerId, regionId: region });
		expect(await verifiedCount(database.db, session.id)).toBe(2);
		expect(session.selfReported).toBe(120);
		expect(session.checkinCode).toMatch(/^[A-HJ-NP-Z2-9]{16}$/);
	});
});
