import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { activeRegions, loadRegionSet } from './regions';
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
		expect((await activeRegions(database.db)).length).toBe(12);
	});
});
