import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createUser } from '../auth/users';
import { reachMonthly } from '../db/schema';
import { testDatabase } from '../db/test-db.test-helper';
import { updateLearner } from '../learner';
import { eraseLearner } from '../learner/erase';
import { mergeIntoAccount } from '../learner/merge';
import type { EventInput, Recorder } from './record';
import { rebuildRollups } from './rebuild';
import { syncLessonTags } from './rollups';
import { catchUp } from './step';
import { verifyRollups } from './verify';
import {
	caoLanh,
	catalogue,
	done,
	fail,
	pass,
	quiz,
	rollupsOf,
	saDec
} from './rollups.test-helper';

let database: Awaited<ReturnType<typeof testDatabase>>;

beforeEach(async () => {
	database = await testDatabase();
	await syncLessonTags(database.db, catalogue);
});
afterEach(() => database.cleanup());
const { learner, record, monthly, expectConsistent } = rollupsOf(() => database.db);

describe('reach rollups', () => {
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
