import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCampaign, joinCampaign } from '../campaigns/store';
import { readFileSync } from 'node:fs';
import { loadWithFormerSet } from '../db/regions';
import { testDatabase } from '../db/test-db.test-helper';
import { syncLessonTags } from './rollups';
import {
	at,
	caoLanh,
	catalogue,
	done,
	fail,
	pass,
	quiz,
	rollupsOf,
	saDec
} from './rollups.test-helper';

const communes = JSON.parse(readFileSync('content/regions/dong-thap-2026.json', 'utf8'));
const shipped = (code: string) =>
	JSON.parse(readFileSync(`content/regions/${code}.json`, 'utf8')) as unknown;
let database: Awaited<ReturnType<typeof testDatabase>>;

beforeEach(async () => {
	database = await testDatabase();
	await syncLessonTags(database.db, catalogue);
});
afterEach(() => database.cleanup());
const { learner, record, monthly, expectConsistent } = rollupsOf(() => database.db);

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
});
