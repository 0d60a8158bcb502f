import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildCatalogue } from '../content/catalogue';
import { validCourse } from '../content/fixture.test-helper';
import { closeYear } from '../dashboard/close';
import { testDatabase } from '../db/test-db.test-helper';
import { createLearner } from '../learner';
import { counted } from './counted.test-helper';
import { closedYears, heldPeople, lateCandidates, latePeople, rejectedPeople } from './evidence';
import { recordEvents, type EventInput, type Recorder } from './record';
import { decideHold, heldGroups } from './review';
import { syncLessonTags } from './rollups';
import { catchUp } from './step';
import { asideAt } from '../dashboard/rollups-at';
import { verifyEvidence } from './verify-evidence';

const catalogue = buildCatalogue(validCourse()).catalogue;
const here = 'dong-thap-2022:866';
const there = 'dong-thap-2022:871';
let database: Awaited<ReturnType<typeof testDatabase>>;
const analyst = { id: 'no-user', username: 'analyst' };
const names = { province: 'Tỉnh', unknownCommune: (d: string) => `? ${d}` };

beforeEach(async () => {
	database = await testDatabase();
	await syncLessonTags(database.db, catalogue);
	await database.client.execute(
		"INSERT INTO users (id, username, password_hash, role, created_at) VALUES ('no-user', 'analyst', 'x', 'analyst', 0)"
	);
});
afterEach(() => database.cleanup());

const lesson = (at: number): EventInput => ({
	id: crypto.randomUUID(),
	type: 'lesson_completed',
	course: 'demo',
	lesson: 'first',
	occurredAt: new Date(at)
});

/** A learner made at `made`, sending through the API (an opening is asked for) or as forms. */
async function someone(regionId: string, made: number, via: Recorder['via']): Promise<Recorder> {
	const { id } = await createLearner(database.db, regionId, null, null, new Date(made));
	return { learnerId: id, regionId, createdAt: new Date(made), via };
}
const send = (who: Recorder, events: EventInput[], received: number) =>
	recordEvents(database.db, catalogue, who, events, new Date(received));
/** reach:verify's evidence check, after the rollups caught up (as the command does). */
async function verified(day: string) {
	await catchUp(database.db, 1_000);
	return verifyEvidence(database.db, day);
}

const nov2026 = Date.UTC(2026, 10, 20, 2);
const jun2025 = Date.UTC(2025, 5, 10, 2);

describe('held and rejected beside the official figure', () => {
	it('puts every person who learned in exactly one of counted, held and rejected', async () => {
		await send(await someone(here, nov2026 - 60_000, 'form'), [lesson(nov2026)], nov2026 + 1_000);
		// Two with no opening (held), one of them in two units: each counts once in the province.
		const blind = await someone(here, nov2026 - 60_000, 'api');
		await send(blind, [lesson(nov2026 + 5)], nov2026 + 1_000);
		await send({ ...blind, regionId: there }, [lesson(nov2026 + 6)], nov2026 + 1_000);
		await send(
			await someone(there, nov2026 - 60_000, 'api'),
			[lesson(nov2026 + 7)],
			nov2026 + 1_000
		);

		const day = '2026-11-30';
		const held = await heldPeople(database.db, day);
		expect(held.get('province')).toBe(2);
		expect(held.get(here)).toBe(1);
		expect(held.get(there)).toBe(2);
		expect((await counted(database.db, here)).reached).toBe(1);

		const groups = await heldGroups(database.db, 'held');
		const inThere = groups.find((g) => g.area === there)!;
		await decideHold(database.db, inThere.id, 'rejected', analyst, 'a script');
		const rejected = await rejectedPeople(database.db, day);
		// The learner still held in the other unit is held, not rejected.
		expect(rejected.get('province')).toBe(1);
		expect((await heldPeople(database.db, day)).get('province')).toBe(1);

		const check = await verified(day);
		expect(check).toMatchObject({ everyone: 3, official: 1, held: 1, rejected: 1, asideWrong: [] });
		expect(check.ok).toBe(true);

		await decideHold(
			database.db,
			groups.find((g) => g.area === here)!.id,
			'released',
			analyst,
			'ok'
		);
		expect(await verified(day)).toMatchObject({
			everyone: 3,
			official: 2,
			held: 0,
			rejected: 1,
			asideWrong: [],
			ok: true
		});
	});

	it('shows on each day, from the rollups, the held and rejected that the raw records give', async () => {
		const day = (n: number) => `2026-11-${String(20 + n).padStart(2, '0')}`;
		const at = (n: number) => nov2026 + n * 86_400_000;
		// Held on the 20th (no opening), counted from the 22nd (a lesson as a form): held the 20th–21st.
		const late = await someone(here, nov2026 - 60_000, 'api');
		await send(late, [lesson(at(0))], at(0) + 1_000);
		await send({ ...late, via: 'form' }, [lesson(at(2))], at(2) + 1_000);
		// Held from the 21st, in one unit then another: held from the 21st, counted once in the province.
		const both = await someone(there, nov2026 - 60_000, 'api');
		await send(both, [lesson(at(1))], at(1) + 1_000);
		// Rejected on the 20th, held elsewhere from the 23rd: rejected the 20th–22nd, then held.
		const turned = await someone(there, nov2026 - 60_000, 'api');
		await send(turned, [lesson(at(0) + 5)], at(0) + 1_000);
		const groups = await heldGroups(database.db, 'held');
		const script = groups.find((g) => g.area === there && g.bucket === day(0))!;
		await decideHold(database.db, script.id, 'rejected', analyst, 'a script');
		await send({ ...both, regionId: here }, [lesson(at(3))], at(3) + 1_000);
		await send({ ...turned, regionId: here }, [lesson(at(3) + 5)], at(3) + 1_000);
		await catchUp(database.db, 1_000);

		for (let n = 0; n <= 4; n++) {
			const raw = {
				held: await heldPeople(database.db, day(n)),
				rejected: await rejectedPeople(database.db, day(n))
			};
			expect(await asideAt(database.db, day(n)), day(n)).toEqual(raw);
		}
		const province = async (n: number) => {
			const { held, rejected } = await asideAt(database.db, day(n));
			return [held.get('province') ?? 0, rejected.get('province') ?? 0];
		};
		expect(await Promise.all([0, 1, 2, 3, 4].map(province))).toEqual([
			[1, 1],
			[2, 1],
			[1, 1],
			[2, 0],
			[2, 0]
		]);
		expect((await verified(day(4))).ok).toBe(true);
	});
});

describe('a closed year', () => {
	it('keeps its issued figure and counts what arrives later for it as late', async () => {
		for (let i = 0; i < 3; i++)
			await send(
				await someone(here, jun2025, 'form'),
				[lesson(jun2025 + 60_000 + i)],
				jun2025 + 120_000
			);
		// A learner held in 2025 whose group is released after the closing.
		const blind = await someone(there, jun2025, 'api');
		await send(blind, [lesson(jun2025 + 90_000)], jun2025 + 120_000);

		const closedAt = Date.UTC(2026, 0, 15, 3);
		expect(await closeYear(database.db, 2025, analyst, names, () => new Date(closedAt))).toEqual({
			closed: true
		});
		const [period] = await closedYears(database.db);
		const issued = JSON.parse(period!.issued) as { exact: { reached: number } };
		expect(issued.exact.reached).toBe(3);

		// An offline phone sends its 2025 lesson in 2026, and the held group is released.
		const offline = await someone(here, jun2025, 'form');
		await send(offline, [lesson(Date.UTC(2025, 11, 30, 5))], Date.UTC(2026, 1, 1));
		const [group] = await heldGroups(database.db, 'held');
		await decideHold(
			database.db,
			group!.id,
			'released',
			analyst,
			'a class',
			new Date(closedAt + 1_000)
		);
		await counted(database.db, here);

		const late = await latePeople(database.db, period!);
		expect(late.get('province')).toBe(2);
		expect(late.get(here)).toBe(1);
		expect(late.get(there)).toBe(1);
		const [again] = await closedYears(database.db);
		expect(again!.issued).toBe(period!.issued);
		const check = await verifyEvidence(database.db, '2026-02-01');
		expect(check.years).toEqual([{ year: 2025, issued: 3, late: 2, now: 5, adds: true }]);
		expect(check.ok).toBe(true);
		const audit = await database.db.all(sql`SELECT action, target FROM audit_log ORDER BY id`);
		expect(audit[0]).toEqual({ action: 'period.closed', target: '2025' });
	});

	it('refuses a year not over, and a year already closed', async () => {
		const at = () => new Date(Date.UTC(2026, 0, 15));
		expect(await closeYear(database.db, 2026, analyst, names, at)).toEqual({ refused: 'not-over' });
		expect(await closeYear(database.db, 2024.5, analyst, names, at)).toEqual({
			refused: 'not-over'
		});
		expect(await closeYear(database.db, 2025, analyst, names, at)).toEqual({ closed: true });
		expect(await closeYear(database.db, 2025, analyst, names, at)).toEqual({ refused: 'closed' });
	});

	it('closes a year an hour after it ends, and reads late events from the partial index', async () => {
		// 00:30 and 01:00 on 1 January 2026, province time (UTC+7).
		const halfPast = () => new Date(Date.UTC(2025, 11, 31, 17, 30));
		expect(await closeYear(database.db, 2025, analyst, names, halfPast)).toEqual({
			refused: 'not-over'
		});
		const one = () => new Date(Date.UTC(2025, 11, 31, 18));
		expect(await closeYear(database.db, 2025, analyst, names, one)).toEqual({ closed: true });
		const [period] = await closedYears(database.db);
		const plan = (await database.db.all(sql`EXPLAIN QUERY PLAN ${lateCandidates(period!)}`)) as {
			detail: string;
		}[];
		expect(plan.map((p) => p.detail).join('\n')).toMatch(
			/(SCAN|SEARCH) e USING INDEX learning_events_later_year/
		);
	});
});
