import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createUser } from '../auth/users';
import { buildCatalogue } from '../content/catalogue';
import { validCourse } from '../content/fixture.test-helper';
import { learners, learningEvents, lessonProgress } from '../db/schema';
import { testDatabase } from '../db/test-db.test-helper';
import { by, counted } from '../reach/counted.test-helper';
import { recordEvent } from '../reach/record';
import { eraseLearner } from './erase';
import { createLearner, findLearnerOfUser } from './index';
import { mergeIntoAccount } from './merge';
import { decideHold } from '../reach/review';

const catalogue = buildCatalogue(validCourse()).catalogue;
const region = 'dong-thap-2022:866';
let database: Awaited<ReturnType<typeof testDatabase>>;
beforeEach(async () => {
	database = await testDatabase();
});
afterEach(() => database.cleanup());

const allRight = { call: ['b'], signs: ['a', 'b'], otp: ['a'] };
async function learnOn(learnerId: string, at: string, answers = allRight) {
	const occurredAt = new Date(at);
	await recordEvent(database.db, catalogue, by(learnerId, region), {
		id: crypto.randomUUID(),
		type: 'lesson_completed',
		course: 'demo',
		lesson: 'first',
		occurredAt
	});
	await recordEvent(database.db, catalogue, by(learnerId, region), {
		id: crypto.randomUUID(),
		type: 'quiz_submitted',
		course: 'demo',
		lesson: 'first',
		occurredAt,
		answers
	});
}

describe('learners and accounts', () => {
	it('links an anonymous learner to a new account', async () => {
		const user = (await createUser(database.db, { username: 'an', password: 'long enough pw' }))!;
		const anon = await createLearner(database.db, region, '15-24');
		expect(await mergeIntoAccount(database.db, anon.id, user.id)).toBe('linked');
		expect((await findLearnerOfUser(database.db, user.id))?.id).toBe(anon.id);
	});

	it('merges a second device into the account: one learner, counted once, progress combined', async () => {
		const user = (await createUser(database.db, { username: 'binh', password: 'long enough pw' }))!;
		const phone = await createLearner(database.db, region, null);
		await mergeIntoAccount(database.db, phone.id, user.id);
		await learnOn(phone.id, '2026-11-01T08:00:00Z', { call: ['a'], signs: ['a'], otp: ['a'] });
		const tablet = await createLearner(database.db, region, null);
		await learnOn(tablet.id, '2026-10-01T08:00:00Z');
		expect((await counted(database.db, region)).reached).toBe(2);

		expect(await mergeIntoAccount(database.db, tablet.id, user.id)).toBe('merged');
		expect((await counted(database.db, region)).reached).toBe(1);
		expect((await counted(database.db, region)).skilled).toBe(1);
		const [events] = await database.db
			.select({ n: count() })
			.from(learningEvents)
			.where(eq(learningEvents.learnerId, phone.id));
		expect(events?.n).toBe(4);
		const progress = await database.db.select().from(lessonProgress);
		expect(progress).toHaveLength(1);
		expect(progress[0]).toMatchObject({ learnerId: phone.id, bestScore: 3 });
		expect(progress[0]?.completedAt?.toISOString()).toBe('2026-10-01T08:00:00.000Z');
		expect(
			await database.db.query.learners.findFirst({ where: eq(learners.id, tablet.id) })
		).toBeUndefined();
	});

	it('erases a learner: the link is gone, the anonymous counts stay', async () => {
		const anon = await createLearner(database.db, region, '60-plus');
		await learnOn(anon.id, '2026-11-02T08:00:00Z');
		await eraseLearner(database.db, anon.id);
		expect(
			await database.db.query.learners.findFirst({ where: eq(learners.id, anon.id) })
		).toBeUndefined();
		const [mine] = await database.db
			.select({ n: count() })
			.from(learningEvents)
			.where(eq(learningEvents.learnerId, anon.id));
		expect(mine?.n).toBe(0);
		expect((await counted(database.db, region)).reached).toBe(1);
		expect((await counted(database.db, region)).skilled).toBe(1);
		const rest = await database.db.select().from(learners);
		expect(rest).toHaveLength(1);
		expect(rest[0]).toMatchObject({ ageBand: null, userId: null });
		expect(rest[0]?.erasedAt).toBeInstanceOf(Date);
	});

	it('erases a learner held in a burst: their learning stays held, never counted', async () => {
		await database.client.execute({
			sql: "INSERT INTO holds (id, reason, area, bucket, key, status, created_at) VALUES ('burst', 'burst-address', ?, '2026-11-02T08', 'k', 'held', 0)",
			args: [region]
		});
		const anon = await createLearner(database.db, region, null, null, new Date(0), 'burst');
		await learnOn(anon.id, '2026-11-02T08:00:00Z');
		expect((await counted(database.db, region)).reached).toBe(0);
		await eraseLearner(database.db, anon.id);
		expect((await counted(database.db, region)).reached).toBe(0);
		const [rest] = await database.db.select().from(learners);
		expect(rest).toMatchObject({ holdId: 'burst', userId: null });
	});

	it('merges a device held in a burst into an account: its learning stays held until released', async () => {
		await database.client.execute({
			sql: "INSERT INTO holds (id, reason, area, bucket, key, status, created_at) VALUES ('burst', 'burst-address', ?, '2026-11-02T08', 'k', 'held', 0)",
			args: [region]
		});
		const user = (await createUser(database.db, { username: 'held', password: 'long enough pw' }))!;
		await createLearner(database.db, region, null, user.id, new Date(0));
		const phone = await createLearner(database.db, region, null, null, new Date(0), 'burst');
		await learnOn(phone.id, '2026-11-02T08:00:00Z');
		await mergeIntoAccount(database.db, phone.id, user.id);
		expect((await counted(database.db, region)).reached).toBe(0);
		await decideHold(database.db, 'burst', 'released', user, 'a class on one Wi-Fi');
		expect((await counted(database.db, region)).reached).toBe(1);
	});
});
