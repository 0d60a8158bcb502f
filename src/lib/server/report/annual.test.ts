import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n';
import { buildCatalogue } from '../content/catalogue';
import { validCourse } from '../content/fixture.test-helper';
import { closeYear } from '../dashboard/close';
import { testDatabase } from '../db/test-db.test-helper';
import { createLearner } from '../learner';
import { recordEvents } from '../reach/record';
import { syncLessonTags } from '../reach/rollups';
import { catchUp } from '../reach/step';
import { annualReport } from './annual';

const catalogue = buildCatalogue(validCourse()).catalogue;
const here = 'dong-thap-2022:866';
const names = { province: 'Tỉnh', unknownCommune: (d: string) => `? ${d}` };
const province = { kind: 'province', area: 'province', figures: 'province', unit: null } as const;
let database: Awaited<ReturnType<typeof testDatabase>>;

beforeEach(async () => {
	database = await testDatabase();
	await syncLessonTags(database.db, catalogue);
	await database.client.execute(
		"INSERT INTO users (id, username, password_hash, role, created_at) VALUES ('no-user', 'analyst', 'x', 'analyst', 0)"
	);
});
afterEach(() => database.cleanup());

/** `count` people who complete the lesson on `day` (as forms), the server receiving it at `received`. */
async function learn(count: number, day: number, received: number) {
	for (let i = 0; i < count; i++) {
		const made = new Date(day - 60_000);
		const { id } = await createLearner(database.db, here, null, null, made);
		const who = { learnerId: id, regionId: here, createdAt: made, via: 'form' as const };
		const event = {
			id: crypto.randomUUID(),
			type: 'lesson_completed' as const,
			course: 'demo',
			lesson: 'first',
			occurredAt: new Date(day + i)
		};
		await recordEvents(database.db, catalogue, who, [event], new Date(received));
	}
	await catchUp(database.db, 1_000);
}

const report = (year: number) =>
	annualReport(
		{
			locals: { db: database.db, locale: 'vi', t: createI18n('vi').t } as App.Locals,
			url: new URL(`http://x/dashboard/report?year=${year}`)
		},
		province
	);

describe('the annual report of a closed year', () => {
	it('shows the figure as issued, and the people who came late beside it, never added', async () => {
		const june = Date.UTC(2025, 5, 10, 2);
		await learn(12, june, june + 60_000);
		const open = await report(2025);
		expect(open.closed).toBeNull();
		expect(open.headline.reached).toBe(12);

		const closedAt = new Date(Date.UTC(2026, 0, 15, 3));
		const analyst = { id: 'no-user', username: 'analyst' };
		expect(await closeYear(database.db, 2025, analyst, names, () => closedAt)).toEqual({
			closed: true
		});
		// Phones that were offline send their December 2025 lessons in February 2026.
		await learn(10, Date.UTC(2025, 11, 30, 5), Date.UTC(2026, 1, 1));

		const closed = await report(2025);
		expect(closed.headline.reached).toBe(12);
		expect(closed.closed).toEqual({ year: '2025', issued: '2026-01-15', late: 10 });
		// The 80% target of 2025 is judged by the issued figure too.
		expect(closed.targets[0]!.reached).toBe(12);
		// The year still open counts everyone who learned by now.
		expect((await report(2026)).headline.reached).toBe(22);
	});
});
