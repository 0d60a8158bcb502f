import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawAreas } from '../dashboard/metrics';
import { addDays, provinceDay } from '../dates';
import { testDatabase } from '../db/test-db.test-helper';
import { createLearner } from '../learner';
import { checkinWindow, readCheckinMargin } from './checkin-window';
import { readAttendance, readSessionForm, sessionDayProblem } from './session-form';
import { checkIn, createInPersonSession, hasCheckedIn, verifiedCount } from './sessions';
import { createCampaign } from './store';

const region = 'dong-thap-2022:871';
const today = '2026-12-01';
let database: Awaited<ReturnType<typeof testDatabase>>;
let orgId: string;

beforeEach(async () => {
	database = await testDatabase();
	orgId = crypto.randomUUID();
	await database.client.execute({
		sql: "INSERT INTO organizations (id, name, type, region_id, created_at) VALUES (?, 'Hội Nông dân xã', 'farmers-association', ?, 0)",
		args: [orgId, region]
	});
});
afterEach(() => database.cleanup());

const session = (heldOn: string, selfReported: number | null = null) =>
	createInPersonSession(database.db, orgId, null, {
		heldOn,
		place: 'Hội trường xã',
		regionId: region,
		topic: 'Lừa đảo qua điện thoại',
		campaignId: null,
		capacity: 150,
		selfReported
	});

describe('the check-in window', () => {
	it('opens on the session day and closes at the end of the next day, by default', () => {
		const state = (day: string) => checkinWindow('2026-12-31', day, 1).state;
		expect(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02'].map(state)).toEqual([
			'before',
			'open',
			'open',
			'after'
		]);
		expect(checkinWindow('2026-12-31', '2026-12-31', 1)).toMatchObject({
			opens: '2026-12-31',
			closes: '2027-01-01'
		});
	});

	it('follows CHECKIN_MARGIN_DAYS: the day only with 0, more days with more', () => {
		expect(checkinWindow('2026-03-01', '2026-03-02', 0).state).toBe('after');
		expect(checkinWindow('2026-03-01', '2026-03-04', 3).state).toBe('open');
		expect(checkinWindow('2026-03-01', '2026-03-05', 3).state).toBe('after');
	});

	it('reads the margin once, refusing what is not 0 to 14 whole days', () => {
		expect(['', ' ', '0', '2', '14'].map((v) => readCheckinMargin(v))).toEqual([1, 1, 0, 2, 14]);
		for (const bad of ['15', '-1', '1.5', 'x', '1e1'])
			expect(() => readCheckinMargin(bad), bad).toThrow(/CHECKIN_MARGIN_DAYS/);
	});

	it('counts days across months, years and leap days', () => {
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
	});
});

describe('the session form', () => {
	const good = {
		heldOn: today,
		place: 'Hội trường UBND xã Mỹ An',
		region,
		topic: 'Nhận diện cuộc gọi giả danh',
		campaign: '',
		capacity: '120',
		selfReported: '80'
	};
	const read = (change: Record<string, string> = {}) => {
		const form = new FormData();
		for (const [k, v] of Object.entries({ ...good, ...change })) form.append(k, v);
		return readSessionForm(database.db, form, orgId, today);
	};

	it('accepts a session with its capacity and a head count within it', async () => {
		expect(await read()).toMatchObject({ ok: true, input: { capacity: 120, selfReported: 80 } });
		expect(await read({ selfReported: '' })).toMatchObject({ input: { selfReported: null } });
		expect(await read({ heldOn: addDays(today, 60) })).toMatchObject({ ok: true });
	});

	it.each([
		[{ capacity: '' }, 'session.problem.capacity'],
		[{ capacity: '0' }, 'session.problem.capacity'],
		[{ capacity: '5001' }, 'session.problem.capacity'],
		[{ capacity: '1e3' }, 'session.problem.capacity'],
		[{ selfReported: '999999' }, 'session.problem.overCapacity'],
		[{ selfReported: '121' }, 'session.problem.overCapacity'],
		[{ heldOn: '2099-12-31' }, 'session.problem.tooLate'],
		[{ heldOn: addDays(today, 61) }, 'session.problem.tooLate'],
		[{ heldOn: '2021-12-31' }, 'session.problem.tooEarly']
	] as const)('refuses %j with a clear reason', async (change, problem) => {
		expect(await read(change)).toMatchObject({ ok: false, problem });
	});

	it('says the numbers the reason is about', async () => {
		expect(await read({ selfReported: '999999' })).toMatchObject({
			params: { count: 999999, capacity: 120 }
		});
		expect(await read({ heldOn: '2099-01-01' })).toMatchObject({
			params: { days: 60, latest: '2027-01-30' }
		});
	});

	it("keeps a campaign's session within the campaign's dates", async () => {
		const campaign = await createCampaign(database.db, orgId, null, {
			title: 'Tháng an toàn mạng',
			courses: ['online-scams'],
			regions: [region],
			audience: null,
			targetSize: 300,
			startsOn: '2026-11-15',
			endsOn: '2026-12-15'
		});
		expect(await read({ campaign: campaign.id })).toMatchObject({ ok: true });
		for (const heldOn of ['2026-11-14', '2026-12-16'])
			expect(await read({ campaign: campaign.id, heldOn })).toMatchObject({
				ok: false,
				problem: 'session.problem.outsideCampaign',
				params: { from: '2026-11-15', to: '2026-12-15' }
			});
		expect(sessionDayProblem('2026-11-15', campaign, today)).toBeNull();
	});

	it('bounds a typed head count by the capacity, but nothing else', () => {
		expect(readAttendance('150', 150)).toEqual({ value: 150 });
		expect(readAttendance('151', 150)).toMatchObject({ problem: 'session.problem.overCapacity' });
		expect(readAttendance('-1', 150)).toEqual({ problem: 'session.problem.attendance' });
	});
});

describe('check-ins and their figures', () => {
	it('counts each verified check-in once and keeps typed attendance apart', async () => {
		const s = await session(today, 120);
		const a = await createLearner(database.db, region, null);
		const b = await createLearner(database.db, region, null);
		expect(await hasCheckedIn(database.db, s.id, a.id)).toBe(false);
		expect(await checkIn(database.db, s.id, { id: a.id, regionId: region })).toBe('new');
		expect(await checkIn(database.db, s.id, { id: a.id, regionId: region })).toBe('again');
		await checkIn(database.db, s.id, { id: b.id, regionId: region });
		expect(await hasCheckedIn(database.db, s.id, a.id)).toBe(true);
		expect(await verifiedCount(database.db, s.id)).toBe(2);
		expect(s.selfReported).toBe(120);
		expect(s.checkinCode).toMatch(/^[A-HJ-NP-Z2-9]{16}$/);
	});

	it('counts a session on its own day: one dated later is in no report before it', async () => {
		const now = provinceDay();
		await session(now, 40);
		const future = await session('2099-01-01', 999);
		const a = await createLearner(database.db, region, null);
		await checkIn(database.db, future.id, { id: a.id, regionId: region });
		const [province] = await rawAreas(database.db, [{ id: 'province', name: 'P' }], now);
		expect(province).toMatchObject({ selfReported: 40, inPersonVerified: 0 });
		const [later] = await rawAreas(database.db, [{ id: 'province', name: 'P' }], '2099-01-01');
		expect(later).toMatchObject({ selfReported: 1039, inPersonVerified: 1 });
	});
});
