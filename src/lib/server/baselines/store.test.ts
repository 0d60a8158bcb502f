import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog, baselines } from '../db/schema';
import { actor, databaseWith as fixture } from './fixture.test-helper';
import type { BaselineRow } from './csv';
import { baselineUnits, deleteFigure, saveFigure, saveFileRows, savedBaselines } from './store';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
async function databaseWith(set: '2022' | '2026') {
	const database = await fixture(set);
	cleanup = database.cleanup;
	return database.db;
}

const row = (key: string, users: number, year = 2025, source = 'Sở KH&CN'): BaselineRow => ({
	key,
	code: key.split(':').pop()!,
	name: key,
	year,
	users,
	source,
	line: 2
});

describe('the areas of the baselines file', () => {
	it('are the province, the 23 former districts and the 102 units, each under its own code', async () => {
		const db = await databaseWith('2026');
		const units = await baselineUnits(db, 'vi', 'Toàn tỉnh');
		expect(units).toHaveLength(1 + 23 + 102);
		expect(new Set(units.map((u) => u.code)).size).toBe(units.length);
		expect(units[0]).toEqual({ key: 'province', code: 'province', name: 'Toàn tỉnh' });
		expect(units[1]).toMatchObject({ key: 'district:866', code: '866' });
		expect(units[24]).toEqual({
			key: 'dong-thap-2026:28249',
			code: '28249',
			name: 'Phường Đạo Thạnh'
		});
	});

	it('list a unit of a district-level set once, not again as its own former district', async () => {
		const db = await databaseWith('2022');
		const units = await baselineUnits(db, 'en', 'The province');
		expect(units.map((u) => u.key)).toEqual([
			'province',
			...Array.from({ length: 12 }, (_, i) => `dong-thap-2022:${866 + i}`)
		]);
	});
});

describe('saving a file', () => {
	const a = 'dong-thap-2026:28249';
	const b = 'dong-thap-2026:28261';

	it('writes every row and one audit entry with the count, years and areas', async () => {
		const db = await databaseWith('2026');
		const written = await saveFileRows(db, actor, [row(a, 1_200), row(b, 3_400, 2026)], false);
		expect(written).toBe(2);
		expect(
			(await savedBaselines(db)).map((s) => [s.area, s.year, s.internetUsers, s.enteredBy])
		).toEqual([
			[a, 2025, 1_200, actor.id],
			[b, 2026, 3_400, actor.id]
		]);
		const entries = await db.select().from(auditLog);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ action: 'baseline.imported', actorName: actor.username });
		expect(JSON.parse(entries[0]!.detail!)).toEqual({
			count: 2,
			years: [2025, 2026],
			areas: [a, b],
			demo: false
		});
	});

	it('leaves a figure that did not change alone, keeping its demo mark and who entered it', async () => {
		const db = await databaseWith('2026');
		await saveFigure(db, actor, { area: a, year: 2025, users: 1_200, source: 'x', isDemo: true });
		await db.update(baselines).set({ enteredBy: null });
		expect(await saveFileRows(db, actor, [row(a, 1_200, 2025, 'x')], true)).toBe(0);
		expect(await saveFileRows(db, actor, [row(a, 1_200, 2025, 'x'), row(b, 5)], true)).toBe(1);
		const [kept] = await db.select().from(baselines).where(eq(baselines.area, a));
		expect(kept).toMatchObject({ isDemo: true, enteredBy: null });
		// The same number, now official: a change.
		expect(await saveFileRows(db, actor, [row(a, 1_200, 2025, 'x')], false)).toBe(1);
	});

	it('is all or nothing: a row the database refuses leaves no row and no audit entry', async () => {
		const db = await databaseWith('2026');
		const broken = { ...row(b, 10), source: null as unknown as string };
		await expect(saveFileRows(db, actor, [row(a, 1_200), broken], false)).rejects.toThrow();
		expect(await savedBaselines(db)).toEqual([]);
		expect(await db.select().from(auditLog)).toEqual([]);
	});
});

describe('one figure', () => {
	it('is saved over the same area and year, and deleted, each with an audit entry', async () => {
		const db = await databaseWith('2026');
		const figure = { area: 'province', year: 2025, users: 3_100_000, source: 'x', isDemo: false };
		await saveFigure(db, actor, figure);
		await saveFigure(db, actor, { ...figure, users: 3_200_000 });
		expect((await savedBaselines(db)).map((s) => s.internetUsers)).toEqual([3_200_000]);
		expect(await deleteFigure(db, actor, 'province', 2024)).toBeUndefined();
		expect(await deleteFigure(db, actor, 'province', 2025)).toMatchObject({
			internetUsers: 3_200_000
		});
		expect(await savedBaselines(db)).toEqual([]);
		const log = await db.select().from(auditLog).orderBy(auditLog.id);
		expect(log.map((e) => [e.action, e.target, JSON.parse(e.detail!)])).toEqual([
			['baseline.saved', 'province', { year: 2025, users: 3_100_000, demo: false, previous: null }],
			[
				'baseline.saved',
				'province',
				{ year: 2025, users: 3_200_000, demo: false, previous: 3_100_000 }
			],
			['baseline.deleted', 'province', { year: 2025, users: 3_200_000, source: 'x' }]
		]);
	});
});
