import { afterEach, describe, expect, it } from 'vitest';
import { actor, databaseWith } from './fixture.test-helper';
import { missingBaselines } from './missing';
import { saveFileRows, savedBaselines } from './store';
import type { Db } from '../db/client';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
async function communes() {
	const database = await databaseWith('2026');
	cleanup = database.cleanup;
	return database.db;
}
const enter = (db: Db, keys: string[], year = 2025) =>
	saveFileRows(
		db,
		actor,
		keys.map((key) => ({ key, code: key, name: key, year, users: 1_000, source: 'x', line: 2 })),
		false
	);
const missing = async (db: Db, year = 2026) =>
	missingBaselines(db, await savedBaselines(db), 'vi', year);

describe('the missing baselines list', () => {
	it('names every unit without a figure, grouped by its former district', async () => {
		const db = await communes();
		const list = await missing(db);
		expect(list.province).toEqual({ own: false, shows: false });
		expect(list.units).toEqual({ total: 102, missing: 102 });
		expect(list.districts).toEqual({ total: 23, missing: 23 });
		expect(list.groups).toHaveLength(23);
		expect(list.groups.flatMap((g) => g.units)).toHaveLength(102);
		expect(list.groups[0]).toMatchObject({
			code: '866',
			name: 'Thành phố Cao Lãnh (Tỉnh Đồng Tháp)',
			own: false,
			shows: false
		});
		expect(list.groups.find((g) => g.code === '815')!.units).toContain('Phường Đạo Thạnh');
	});

	it('says the province shows once it has its own figure, while communes still lack one', async () => {
		const db = await communes();
		await enter(db, ['province']);
		const list = await missing(db);
		expect(list.province).toEqual({ own: true, shows: true });
		expect(list.units.missing).toBe(102);
	});

	it('counts a former district as shown when every unit of it has a figure', async () => {
		const db = await communes();
		const before = await missing(db);
		const group = before.groups.find((g) => g.code === '815')!;
		const ids = (await db.query.regions.findMany()).filter(
			(r) => r.setCode === 'dong-thap-2026' && r.districtCode === '815'
		);
		expect(ids.length).toBe(group.units.length);
		await enter(
			db,
			ids.map((r) => r.id)
		);
		const after = await missing(db);
		expect(after.groups.find((g) => g.code === '815')).toBeUndefined();
		expect(after.districts.missing).toBe(22);
		expect(after.units.missing).toBe(102 - ids.length);
		// A district with its own figure but units without one is still listed, for its units.
		await enter(db, ['district:866']);
		expect((await missing(db)).groups[0]).toMatchObject({ code: '866', own: true, shows: true });
	});

	it('uses a figure only from its year on, as the dashboard does', async () => {
		const db = await communes();
		await enter(db, ['province'], 2027);
		expect((await missing(db, 2026)).province.own).toBe(false);
		expect((await missing(db, 2027)).province.own).toBe(true);
	});
});
