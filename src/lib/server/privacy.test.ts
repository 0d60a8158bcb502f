import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from './db/test-db.test-helper';
import {
	nextPublication,
	publishable,
	publishRates,
	roundRate,
	shown,
	suppressCells,
	suppressColumn,
	type RateCount
} from './privacy';

describe('small counts', () => {
	it('hide counts of 1 to 9 people, keep 0 and 10 or more', () => {
		expect([0, 1, 9, 10, 12345].map(shown)).toEqual([0, null, null, 10, 12345]);
	});

	it('hide a second cell of a column when only one would be hidden (no working back from the total)', () => {
		expect(suppressColumn([120, 4, 0, 35, 60])).toEqual([120, null, 0, null, 60]);
		expect(suppressColumn([120, 4, 7, 35])).toEqual([120, null, null, 35]);
		expect(suppressColumn([120, 40, 0])).toEqual([120, 40, 0]);
	});

	it('follow a hidden cell into every group that holds it, until no group has only one', () => {
		// 0: a province of 130; 1, 2: its districts; 3, 4: district 1's units; 5, 6: district 2's.
		const values = [130, 100, 30, 95, 5, 18, 12];
		const groups = [
			[0, 1, 2],
			[0, 3, 4, 5, 6],
			[1, 3, 4],
			[2, 5, 6]
		];
		// Unit 4 is small; in district 1 only unit 3 is left, so it goes, then the province's units are
		// fine (two hidden); district 2 is untouched.
		expect(suppressCells(values, groups, new Set([0, 1, 2]))).toEqual([
			130,
			100,
			30,
			null,
			null,
			18,
			12
		]);
		// A district's only unit is the district: both go, then a second district goes with them.
		expect(
			suppressCells(
				[40, 5, 35, 5, 35],
				[
					[0, 1, 2],
					[1, 3],
					[2, 4]
				],
				new Set([0, 1, 2])
			)
		).toEqual([40, null, null, null, null]);
	});
});

const count = (exact: number, people: number, numerator: number): RateCount => ({
	exact,
	people,
	numerator,
	complement: people - numerator
});

describe('published rates', () => {
	it('are hidden when their numerator or its complement is 1 to 9 people', () => {
		expect(publishable(count(92.5, 40, 37))).toBe(false); // 3 of 40 failed
		expect(publishable(count(7.5, 40, 3))).toBe(false); // 3 of 40 passed
		expect(publishable(count(70, 10, 7))).toBe(false);
		expect(publishable(count(100, 40, 40))).toBe(true); // nobody failed: no one is described
		expect(publishable(count(75, 40, 30))).toBe(true);
		expect(publishable(count(50, 9, 4))).toBe(false);
	});

	it('are rounded to 5 points, never to 0% or 100% unless exactly that', () => {
		expect([63.6, 62.4, 67.5, 70, 0, 100, 1.2, 98.9, 97.4].map(roundRate)).toEqual([
			65, 60, 70, 70, 0, 100, 5, 95, 95
		]);
	});

	it('change only once 10 more people stand behind them', () => {
		expect(nextPublication(null, count(62, 9, 5))).toBeNull();
		expect(nextPublication(null, count(67.5, 40, 27))).toEqual({ value: 70, people: 40 });
		const stored = { value: 70, people: 40 };
		expect(nextPublication(stored, count(65.9, 41, 27))).toBeNull();
		expect(nextPublication(stored, count(60.4, 49, 29))).toBeNull();
		expect(nextPublication(stored, count(60, 50, 30))).toEqual({ value: 60, people: 50 });
		// Withheld at its turn, stored as withheld: the person who makes it publishable moves nothing.
		const withheld = nextPublication({ value: 100, people: 40 }, count(94, 50, 47));
		expect(withheld).toEqual({ value: null, people: 50 });
		expect(nextPublication(withheld, count(90.2, 51, 46))).toBeNull();
	});
});

describe('the published-rates store', () => {
	let database: Awaited<ReturnType<typeof testDatabase>>;
	beforeEach(async () => {
		database = await testDatabase();
	});
	afterEach(() => database.cleanup());

	it('keeps what it published, and two readers at once agree on one figure', async () => {
		const { db } = database;
		const first = await publishRates(db, 'campaign:x:', new Map([['pass', count(67.5, 40, 27)]]));
		expect(first.get('pass')).toBe(70);
		const later = await publishRates(db, 'campaign:x:', new Map([['pass', count(65.9, 41, 27)]]));
		expect(later.get('pass')).toBe(70);
		// Two readings racing past the threshold, one person apart: both show the one that was stored.
		const [a, b] = await Promise.all([
			publishRates(db, 'campaign:x:', new Map([['pass', count(60, 50, 30)]])),
			publishRates(db, 'campaign:x:', new Map([['pass', count(58.8, 51, 30)]]))
		]);
		expect(a.get('pass')).toBe(b.get('pass'));
		expect([55, 60]).toContain(a.get('pass'));
		const rows = await database.client.execute('SELECT key, people FROM published_rates');
		expect(rows.rows.map((r) => [r[0], r[1]])).toEqual([
			['campaign:x:pass', a.get('pass') === 60 ? 50 : 51]
		]);
		// Another campaign's keys are its own.
		expect(
			(await publishRates(db, 'campaign:y:', new Map([['pass', count(50, 5, 2)]]))).get('pass')
		).toBeNull();
	});
});
