import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { activeRegions, loadRegionSet, loadWithFormerSet } from './regions';
import { regions } from './schema';
import { testDatabase } from './test-db.test-helper';

let database: Awaited<ReturnType<typeof testDatabase>>;
beforeEach(async () => {
	database = await testDatabase();
});
afterEach(() => database.cleanup());

const merged = JSON.parse(
	readFileSync('content/regions/dong-thap-tien-giang-2025-03.json', 'utf8')
);

describe('region sets', () => {
	it("loads the plan's 12 district-level units of Đồng Tháp (codes 866–877) from data", async () => {
		const units = await activeRegions(database.db);
		expect(units.map((u) => u.code)).toEqual(Array.from({ length: 12 }, (_, i) => String(866 + i)));
		expect(units[0]).toMatchObject({ nameVi: 'Thành phố Cao Lãnh', nameEn: 'Cao Lãnh City' });
	});

	it('switches to another set with a data file alone, keeping the old units for past records', async () => {
		await loadRegionSet(database.db, merged);
		expect((await activeRegions(database.db)).length).toBe(23);
		const [all] = await database.db.select({ n: count() }).from(regions);
		expect(all?.n).toBe(35);
	});

	it('reloads a set idempotently', async () => {
		const set = JSON.parse(readFileSync('content/regions/dong-thap-2022.json', 'utf8'));
		await loadRegionSet(database.db, set);
		await loadRegionSet(database.db, set);
		const [all] = await database.db.select({ n: count() }).from(regions);
		expect(all?.n).toBe(12);
	});

	it('rejects a malformed set and changes nothing', async () => {
		const bad = {
			...merged,
			code: 'Bad Code',
			units: [
				{ code: '1', name: 'A', nameEn: 'A' },
				{ code: '1', name: 'B', nameEn: 'B' }
			]
		};
		await expect(loadRegionSet(database.db, bad)).rejects.toThrow();
		await expect(
			loadRegionSet(database.db, { ...merged, units: [...merged.units, merged.units[0]] })
		).rejects.toThrow(/unique/);
		// Two units a list would show alike: the English names of Tân Thành and Tân Thạnh without diacritics.
		const first = (communes.units as { nameEn: string }[])[0]!;
		await expect(
			loadRegionSet(database.db, {
				...communes,
				units: communes.units.map((u: object, i: number) =>
					i === 1 ? { ...u, nameEn: first.nameEn } : u
				)
			})
		).rejects.toThrow(/names must be unique/);
		expect((await activeRegions(database.db)).length).toBe(12);
	});
});

const communes = JSON.parse(readFileSync('content/regions/dong-thap-2026.json', 'utf8'));
const shipped = (code: string) =>
	JSON.parse(readFileSync(`content/regions/${code}.json`, 'utf8')) as unknown;

describe('the 102 communes and wards, and their crosswalk to the former districts', () => {
	it('load with their former set (made first, not active), each commune under its former district', async () => {
		await loadWithFormerSet(database.db, communes, shipped);
		const active = await activeRegions(database.db);
		expect(active).toHaveLength(102);
		expect(active.filter((u) => u.kind === 'ward')).toHaveLength(20);
		const myTho = active.find((u) => u.nameVi === 'Phường Mỹ Tho')!;
		expect(myTho).toMatchObject({ id: 'dong-thap-2026:28261', districtCode: '815' });
		expect(JSON.parse(myTho.formerShares!)).toEqual({ '815': 0.996 });
		// The former districts: 23, each its own key; 866 of the 2022 set and of 2025-03 share it.
		const districts = await database.db
			.select()
			.from(regions)
			.where(eq(regions.setCode, 'dong-thap-tien-giang-2025-03'));
		expect(districts).toHaveLength(23);
		expect(districts.find((d) => d.code === '815')).toMatchObject({ provinceCode: '82' });
		const [old866] = await database.db
			.select()
			.from(regions)
			.where(eq(regions.id, 'dong-thap-2022:866'));
		expect(old866?.districtCode).toBe('866');
		expect(new Set(active.map((u) => u.districtCode)).size).toBe(23);
	});

	it('refuse a crosswalk that points at nothing, and change nothing', async () => {
		const before = await database.db.select().from(regions);
		const cases: [unknown, RegExp][] = [
			// The former set is not loaded, and no file names it.
			[communes, /former set "dong-thap-tien-giang-2025-03" is not loaded/],
			[{ ...communes, formerSet: 'dong-thap-2022' }, /unknown to "dong-thap-2022": 28249 → 815/],
			[{ ...communes, formerSet: 'dong-thap-2026' }, /its own former set/],
			[
				{ ...communes, units: [{ ...communes.units[0], former: undefined }] },
				/every unit its former district/
			],
			[{ ...communes, code: 'province' }, /kept for the other levels/]
		];
		for (const [input, problem] of cases) {
			await expect(loadRegionSet(database.db, input), String(problem)).rejects.toThrow(problem);
		}
		// A set whose former set is itself commune-level would chain: refused.
		await loadWithFormerSet(database.db, communes, shipped, {});
		await expect(
			loadRegionSet(database.db, { ...communes, code: 'chained', formerSet: 'dong-thap-2026' })
		).rejects.toThrow(/not a district-level set/);
		expect((await database.db.select().from(regions)).length).toBe(before.length + 102 + 23);
		await expect(
			loadWithFormerSet(database.db, { ...communes, formerSet: 'nowhere' }, () => undefined)
		).rejects.toThrow(/not shipped/);
	});
});
