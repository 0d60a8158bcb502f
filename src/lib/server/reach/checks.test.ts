import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildCatalogue } from '../content/catalogue';
import { validCourse } from '../content/fixture.test-helper';
import { testDatabase } from '../db/test-db.test-helper';
import { createLearner } from '../learner';
import { counted } from './counted.test-helper';
import { EventRejected, recordEvents, type EventInput, type Recorder } from './record';
import { decideHold, heldGroups } from './review';
import { syncLessonTags } from './rollups';
import { verifyRollups } from './verify';

const catalogue = buildCatalogue(validCourse()).catalogue;
const regionId = 'dong-thap-2022:866';
let database: Awaited<ReturnType<typeof testDatabase>>;
const analyst = { id: 'no-user', username: 'analyst' };

beforeEach(async () => {
	database = await testDatabase();
	await syncLessonTags(database.db, catalogue);
	await database.client.execute(
		"INSERT INTO users (id, username, password_hash, role, created_at) VALUES ('no-user', 'analyst', 'x', 'analyst', 0)"
	);
});
afterEach(() => database.cleanup());

const t0 = Date.UTC(2026, 10, 20, 2);
const event = (type: EventInput['type'], at: number): EventInput =>
	(type === 'quiz_submitted'
		? {
				id: crypto.randomUUID(),
				type,
				course: 'demo',
				lesson: 'first',
				occurredAt: new Date(at),
				answers: { call: ['b'], signs: ['a', 'b'], otp: ['a'] }
			}
		: {
				id: crypto.randomUUID(),
				type,
				course: 'demo',
				lesson: 'first',
				occurredAt: new Date(at)
			}) as EventInput;

async function someone(via: Recorder['via'] = 'api'): Promise<Recorder> {
	const { id } = await createLearner(database.db, regionId, null, null, new Date(t0 - 60_000));
	return { learnerId: id, regionId, createdAt: new Date(t0 - 60_000), via };
}
const send = (who: Recorder, events: EventInput[]) =>
	recordEvents(database.db, catalogue, who, events, new Date(t0 + 3_600_000));

describe('the plausible pace of learning', () => {
	it('counts a lesson finished well after it was opened, through the API', async () => {
		const who = await someone();
		await send(who, [event('lesson_opened', t0), event('lesson_completed', t0 + 60_000)]);
		expect((await counted(database.db, regionId)).reached).toBe(1);
		expect(await heldGroups(database.db)).toEqual([]);
	});

	it('holds a lesson finished seconds after its opening, or never opened, in a group per day', async () => {
		const fast = await someone();
		await send(fast, [event('lesson_opened', t0), event('lesson_completed', t0 + 3_000)]);
		const blind = await someone();
		await send(blind, [event('quiz_submitted', t0 + 120_000)]);
		expect((await counted(database.db, regionId)).reached).toBe(0);
		const groups = await heldGroups(database.db);
		expect(groups.map((g) => [g.reason, g.area, g.bucket, g.learners, g.notCounted])).toEqual(
			expect.arrayContaining([
				['too-fast', regionId, '2026-11-20', 1, 1],
				['no-opening', regionId, '2026-11-20', 1, 1]
			])
		);
		// The raw events are all stored: held, not dropped.
		const [stored] = (await database.db.all(sql`SELECT count(*) AS n FROM learning_events`)) as {
			n: number;
		}[];
		expect(stored!.n).toBe(3);
		expect((await verifyRollups(database.db)).firstsWrong).toBe(0);
	});

	it('asks no opening of a form sent without JavaScript', async () => {
		await send(await someone('form'), [event('lesson_completed', t0)]);
		expect((await counted(database.db, regionId)).reached).toBe(1);
	});

	it('counts a held group once an analyst releases it, and never once rejected', async () => {
		for (let i = 0; i < 3; i++) await send(await someone(), [event('lesson_completed', t0 + i)]);
		const late = await someone();
		await send(late, [event('lesson_completed', t0 + 10)]);
		const [group] = await heldGroups(database.db, 'held');
		expect(group!.learners).toBe(4);
		expect(await decideHold(database.db, group!.id, 'released', analyst, 'school demo day')).toBe(
			true
		);
		expect((await counted(database.db, regionId)).reached).toBe(4);
		expect(await decideHold(database.db, group!.id, 'rejected', analyst, 'twice')).toBe(false);
		// New learning of the same kind after the decision is held again, in a new group.
		await send(await someone(), [event('lesson_completed', t0 + 20)]);
		const open = await heldGroups(database.db, 'held');
		expect(open).toHaveLength(1);
		expect(open[0]!.id).not.toBe(group!.id);
		await decideHold(database.db, open[0]!.id, 'rejected', analyst, 'a script');
		expect((await counted(database.db, regionId)).reached).toBe(4);
		const audit = await database.db.all(sql`SELECT action FROM audit_log ORDER BY id`);
		expect(audit).toEqual([{ action: 'hold.released' }, { action: 'hold.rejected' }]);
		expect((await verifyRollups(database.db)).firstsWrong).toBe(0);
	});
});

describe('the time an event claims', () => {
	it('may not be before its learner was made, beyond a clock skew, nor after it arrived', async () => {
		const who = await someone('form');
		const [old, skewed, ahead] = await recordEvents(
			database.db,
			catalogue,
			who,
			[
				event('lesson_completed', Date.UTC(2024, 2, 15)),
				event('lesson_completed', t0 - 5 * 60_000),
				event('lesson_completed', t0 + 2 * 3_600_000)
			],
			new Date(t0 + 3_600_000)
		);
		expect(old).toEqual(new EventRejected('before-learner'));
		expect(skewed).toMatchObject({ status: 'created' });
		expect(ahead).toEqual(new EventRejected('after-receipt'));
	});
});
