import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, learners } from '../db/schema';
import { testDatabase } from '../db/test-db.test-helper';
import { createLearner } from './index';
import { scheduleRetirement } from './retire';

let database: Awaited<ReturnType<typeof testDatabase>>;
beforeEach(async () => {
	database = await testDatabase();
});
afterEach(() => database.cleanup());

/** A log that hands over its first line. */
function logOnce() {
	const lines: { level: string; o: object; msg: string }[] = [];
	let told: (line: (typeof lines)[number]) => void = () => {};
	const first = new Promise<(typeof lines)[number]>((resolve) => (told = resolve));
	const at = (level: string) => (o: object, msg: string) => {
		lines.push({ level, o, msg });
		told({ level, o, msg });
	};
	return { log: { info: at('info'), warn: at('warn') }, first, lines };
}

describe("the server's daily retirement", () => {
	it('runs after start-up without being awaited, unlinks, logs and audits the count', async () => {
		const { id } = await createLearner(database.db, 'dong-thap-2022:866', null, null, new Date(0));
		const { log, first } = logOnce();
		const stop = scheduleRetirement(database.db, 3, log, 0);
		const line = await first;
		stop();
		expect(line).toMatchObject({
			level: 'info',
			o: { retired: 1 },
			msg: 'inactive learners retired'
		});
		expect(
			await database.db.query.learners.findFirst({ where: eq(learners.id, id) })
		).toBeUndefined();
		const [audit] = await database.db.select().from(auditLog);
		expect(audit).toMatchObject({ action: 'learners.retired', actorName: 'system', target: null });
		expect(JSON.parse(audit!.detail!)).toMatchObject({ retired: 1, years: 3 });
	});

	it('is off with RETENTION_YEARS=0: says so and touches nothing', async () => {
		const { id } = await createLearner(database.db, 'dong-thap-2022:866', null, null, new Date(0));
		const { log, lines } = logOnce();
		const stop = scheduleRetirement(database.db, 0, log, 0);
		stop();
		expect(lines).toEqual([
			{ level: 'info', o: { retentionYears: 0 }, msg: 'retiring inactive learners is off' }
		]);
		expect(
			await database.db.query.learners.findFirst({ where: eq(learners.id, id) })
		).toBeDefined();
		expect(await database.db.select().from(auditLog)).toEqual([]);
	});
});
