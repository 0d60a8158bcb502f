import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { provinceArea } from '../areas';
import { buildCatalogue } from '../content/catalogue';
import { validCourse } from '../content/fixture.test-helper';
import { closeYear } from '../dashboard/close';
import { figuresJson, reachFigures } from '../dashboard/figures';
import { auditLog, learners } from '../db/schema';
import { testDatabase } from '../db/test-db.test-helper';
import { recordEvents, type EventInput } from '../reach/record';
import { syncLessonTags } from '../reach/rollups';
import { catchUp } from '../reach/step';
import { verifyRollups } from '../reach/verify';
import { verifyEvidence } from '../reach/verify-evidence';
import { createLearner, findLearner } from './index';
import { retentionCutoff, retentionYears, retireInactiveLearners } from './retire';

const catalogue = buildCatalogue(validCourse()).catalogue;
const regionId = 'dong-thap-2022:866';
const dayMs = 24 * 60 * 60_000;
const now = new Date('2026-11-30T05:00:00Z');
const cutoff = retentionCutoff(now, 3);
const names = { province: 'Tỉnh', unknownCommune: (d: string) => `chưa rõ (${d})` };
const system = { id: 'analyst', username: 'analyst' };
let database: Awaited<ReturnType<typeof testDatabase>>;

beforeEach(async () => {
	database = await testDatabase();
	await syncLessonTags(database.db, catalogue);
	await database.client.execute(
		"INSERT INTO users (id, username, password_hash, role, created_at) VALUES ('analyst', 'analyst', 'x', 'analyst', 0)"
	);
});
afterEach(() => database.cleanup());

const lessonAndQuiz = (at: Date): EventInput[] => [
	{
		id: crypto.randomUUID(),
		type: 'lesson_completed',
		course: 'demo',
		lesson: 'first',
		occurredAt: at
	},
	{
		id: crypto.randomUUID(),
		type: 'quiz_submitted',
		course: 'demo',
		lesson: 'first',
		occurredAt: at,
		answers: { call: ['b'], signs: ['a', 'b'], otp: ['a'] }
	}
];

/** A learner made `createdAt`, who learned (each event received as it happened) at `learnedAt`. */
async function someone(
	createdAt: Date,
	learnedAt: Date[] = [],
	{
		ageBand = '25-39',
		holdId = null
	}: { ageBand?: '25-39' | '60-plus'; holdId?: string | null } = {}
) {
	const { id, token } = await createLearner(
		database.db,
		regionId,
		ageBand,
		null,
		createdAt,
		holdId
	);
	const who = { learnerId: id, regionId, createdAt, via: 'form' as const };
	for (const at of learnedAt)
		await recordEvents(database.db, catalogue, who, lessonAndQuiz(at), at);
	return { id, token: token! };
}

const linked = async (id: string) =>
	Boolean(await database.db.query.learners.findFirst({ where: eq(learners.id, id) }));

/** Everything the figures are made of, without learner ids. */
async function figures() {
	await catchUp(database.db, 10_000);
	const db = database.db;
	const f = figuresJson(await reachFigures(db, { scope: provinceArea, locale: 'vi', names }));
	const monthly = await db.all(
		sql`SELECT dim, area, kind, value, month, learners FROM reach_monthly ORDER BY 1, 2, 3, 4, 5`
	);
	const firsts = await db.all(
		sql`SELECT area, kind, dim, value, first_day, count(*) AS n FROM reach_firsts GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`
	);
	const { firstsWrong, monthlyWrong } = await verifyRollups(db);
	return { f, monthly, firsts, firstsWrong, monthlyWrong, evidence: await verifyEvidence(db) };
}

describe('retiring inactive learners (storage limitation)', () => {
	it('unlinks a learner inactive 3 years and a day, keeps one active 3 years less a day', async () => {
		const longAgo = new Date(cutoff.getTime() - 400 * dayMs);
		const gone = await someone(longAgo, [new Date(cutoff.getTime() - dayMs)]);
		const kept = await someone(longAgo, [new Date(cutoff.getTime() + dayMs)]);
		const silentOld = await someone(new Date(cutoff.getTime() - dayMs));
		const silentNew = await someone(new Date(cutoff.getTime() + dayMs));

		const r = await retireInactiveLearners(database.db, { years: 3, now });
		expect(r.retired).toBe(2);
		expect(await linked(gone.id)).toBe(false);
		expect(await linked(silentOld.id)).toBe(false);
		expect(await findLearner(database.db, gone.token)).toBeNull();
		expect(await linked(kept.id)).toBe(true);
		expect((await findLearner(database.db, kept.token))?.id).toBe(kept.id);
		expect(await linked(silentNew.id)).toBe(true);
		// The records stay, under a fresh id no cookie points at; the age band stays with them.
		const [fresh] = (await database.db.all(
			sql`SELECT l.age_band AS ageBand, count(*) AS events FROM learning_events e JOIN learners l ON l.id = e.learner_id
			WHERE l.erased_at IS NOT NULL GROUP BY l.id`
		)) as { ageBand: string; events: number }[];
		expect(fresh).toEqual({ ageBand: '25-39', events: 2 });
	});

	it('leaves every figure as it was, held and vouched learning included, and a second run retires no one', async () => {
		const longAgo = new Date(cutoff.getTime() - 400 * dayMs);
		const learned = new Date(cutoff.getTime() - 5 * dayMs);
		for (let i = 0; i < 12; i++)
			await someone(longAgo, [learned], { ageBand: i % 2 ? '25-39' : '60-plus' });
		await database.client.execute({
			sql: "INSERT INTO holds (id, reason, area, bucket, key, status, created_at) VALUES ('burst', 'burst-address', ?, '2023-11-25T02', 'k', 'held', ?)",
			args: [regionId, longAgo.getTime()]
		});
		const held = await someone(longAgo, [learned], { holdId: 'burst' });
		const vouched = await someone(longAgo, [learned], { holdId: 'burst' });
		await database.db
			.update(learners)
			.set({ vouchedAt: learned })
			.where(eq(learners.id, vouched.id));
		await someone(longAgo, [new Date(now.getTime() - dayMs)]);
		expect(await closeYear(database.db, 2023, system, names, () => now)).toEqual({ closed: true });

		const before = await figures();
		expect(before.f.official.reached).toBe(14);
		expect(before.evidence).toMatchObject({ held: 1, ok: true });
		const r = await retireInactiveLearners(database.db, { years: 3, now });
		expect(r.retired).toBe(14);
		expect(await linked(held.id)).toBe(false);
		expect(await figures()).toEqual(before);

		expect((await retireInactiveLearners(database.db, { years: 3, now })).retired).toBe(0);
		expect(await figures()).toEqual(before);
		const audits = await database.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'learners.retired'));
		// The second run found no one: nothing changed, so no audit row either.
		expect(audits.map((a) => JSON.parse(a.detail!).retired)).toEqual([14]);
		// The audit row says how many, never who.
		expect(audits[0]!.detail).not.toContain(held.id);
		expect(audits[0]!.target).toBeNull();
	});

	it('changes nothing in a dry run, and only counts', async () => {
		const longAgo = new Date(cutoff.getTime() - 400 * dayMs);
		const gone = await someone(longAgo, [new Date(cutoff.getTime() - dayMs)]);
		const rows = async () => database.db.all(sql`SELECT * FROM learners ORDER BY id`);
		const learnersBefore = await rows();
		const before = await figures();

		const r = await retireInactiveLearners(database.db, { years: 3, now, dryRun: true });
		expect(r).toMatchObject({ retired: 1, dryRun: true });
		expect(await rows()).toEqual(learnersBefore);
		expect(await linked(gone.id)).toBe(true);
		expect(await figures()).toEqual(before);
		expect(await database.db.select().from(auditLog)).toEqual([]);
	});

	it('reads RETENTION_YEARS: 3 by default, 0 turns it off, anything but whole years is refused', () => {
		expect(retentionYears(undefined)).toBe(3);
		expect(retentionYears('')).toBe(3);
		expect(retentionYears('5')).toBe(5);
		expect(retentionYears('0')).toBe(0);
		for (const bad of ['-1', '2.5', 'three', '1000'])
			expect(() => retentionYears(bad)).toThrow(/RETENTION_YEARS/);
		expect(retentionCutoff(now, 3).toISOString()).toBe('2023-11-30T05:00:00.000Z');
	});
});
