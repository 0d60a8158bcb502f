/** The province as the 2022 version left it: the schema of migrations 0000–0001, its old rows. */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { learnerIdFromToken } from '../../src/lib/server/learner/index.ts';
import { catalogue } from '../stress/harness.ts';

export const dir = 'tests/.tmp/upgrade';

/** The schema as the last version before the communes left it: migrations 0000 and 0001 only. */
export async function oldSchema(db: Client): Promise<void> {
	const old = join(dir, 'migrations');
	mkdirSync(join(old, 'meta'), { recursive: true });
	const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8'));
	journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 1);
	writeFileSync(join(old, 'meta/_journal.json'), JSON.stringify(journal));
	for (const e of journal.entries) cpSync(`drizzle/${e.tag}.sql`, join(old, `${e.tag}.sql`));
	await migrate(drizzle(db), { migrationsFolder: old });
}

const lesson = catalogue.courses[0]!.lessons[0]!;
const course = catalogue.courses[0]!.slug;
export const district = (code: number) => `dong-thap-2022:${code}`;
const day = (d: number) => Date.UTC(2024, 0, 1) + d * 86_400_000;

/** Old rows, as the 2022 version wrote them; returns what the old figures were, per district. */
export async function oldProvince(db: Client, passwordHash: string) {
	const set = JSON.parse(readFileSync('content/regions/dong-thap-2022.json', 'utf8'));
	const statements: { sql: string; args: (string | number | null)[] }[] = [
		{
			sql: 'INSERT INTO region_sets (code, name_vi, name_en, source, active, loaded_at) VALUES (?, ?, ?, ?, 1, 0)',
			args: [set.code, set.name, set.nameEn, set.source]
		},
		...set.units.map((u: { code: string; name: string; nameEn: string }, i: number) => ({
			sql: 'INSERT INTO regions (id, set_code, code, name_vi, name_en, position) VALUES (?, ?, ?, ?, ?, ?)',
			args: [district(Number(u.code)), set.code, u.code, u.name, u.nameEn, i]
		})),
		{
			sql: "INSERT INTO organizations VALUES ('org-lv', 'Đoàn xã Tân Dương', 'youth-union', ?, 0)",
			args: [district(876)]
		},
		...[
			['u-admin', 'upgrade-admin', 'admin', null, null],
			['u-analyst', 'lai-vung-analyst', 'analyst', null, district(876)],
			['u-organizer', 'lai-vung-organizer', 'organizer', 'org-lv', null]
		].map(([id, name, role, org, region]) => ({
			sql: 'INSERT INTO users (id, username, password_hash, role, organization_id, region_id, created_at) VALUES (?, ?, ?, ?, ?, ?, 0)',
			args: [id!, name!, passwordHash, role!, org ?? null, region ?? null]
		})),
		{
			sql: "INSERT INTO campaigns VALUES ('c-lv', 'org-lv', 'Chiến dịch Lai Vung 2024', 'LAVUNG24', NULL, 500, '2024-01-01', '2099-12-31', 'active', 'u-organizer', 0)",
			args: []
		},
		{ sql: "INSERT INTO campaign_courses VALUES ('c-lv', ?, 0)", args: [course] },
		{ sql: "INSERT INTO campaign_regions VALUES ('c-lv', ?)", args: [district(876)] },
		{
			sql: "INSERT INTO in_person_sessions VALUES ('s-lv', 'org-lv', 'c-lv', '2024-03-08', 'Hội trường xã', ?, 'Lừa đảo qua mạng', 40, 'CHECK2N4', 'u-organizer', 0)",
			args: [district(876)]
		},
		{
			sql: "INSERT INTO baselines VALUES (?, 2024, 20000, 'Ước tính thử nghiệm', 1, 'u-admin', 0)",
			args: [district(876)]
		}
	];
	// 60 learners over four districts; some in the campaign, a few checked in, one moved district a
	// day later in the same year (so counts, as now defined, in the first district only).
	let n = 0;
	for (let i = 0; i < 60; i++) {
		const home = [876, 876, 872, 866, 871][i % 5]!;
		const id = `old-learner-${i}`;
		statements.push({
			sql: 'INSERT INTO learners VALUES (?, ?, NULL, NULL, 0, 0, NULL)',
			args: [id, district(home)]
		});
		const events = [home, ...(i === 7 ? [871] : [])];
		for (const at of events) {
			const lessonEvent = `0000${String(n++).padStart(4, '0')}-aaaa-4aaa-8aaa-aaaaaaaaaaaa`;
			const quizEvent = `0000${String(n++).padStart(4, '0')}-bbbb-4bbb-8bbb-bbbbbbbbbbbb`;
			const when = day(i * 5) + (at === home ? 0 : 86_400_000);
			statements.push(
				{
					sql: "INSERT INTO learning_events VALUES (?, ?, 'lesson_completed', ?, ?, ?, ?, ?)",
					args: [lessonEvent, id, district(at), course, lesson.slug, when, when]
				},
				{
					sql: "INSERT INTO learning_events VALUES (?, ?, 'quiz_submitted', ?, ?, ?, ?, ?)",
					args: [quizEvent, id, district(at), course, lesson.slug, when + 60_000, when + 60_000]
				},
				{
					sql: 'INSERT INTO quiz_attempts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
					args: [
						quizEvent,
						id,
						course,
						lesson.slug,
						i % 3 ? 3 : 1,
						4,
						i % 3 ? 1 : 0,
						'old',
						when + 60_000
					]
				}
			);
			if (home === 876 && at === 876 && i % 2 === 0) {
				statements.push({
					sql: "INSERT OR IGNORE INTO campaign_members VALUES ('c-lv', ?, 0)",
					args: [id]
				});
				for (const e of [lessonEvent, quizEvent])
					statements.push({ sql: "INSERT INTO event_campaigns VALUES (?, 'c-lv')", args: [e] });
			}
		}
		if (home === 876 && i < 20)
			statements.push({
				sql: "INSERT INTO checkins VALUES ('s-lv', ?, ?, ?)",
				args: [id, district(876), day(67)]
			});
	}
	// A learner of 2022 whose cookie this test holds (to see the question about their commune).
	const token = 'upgrade-test-learner-token';
	statements.push({
		sql: 'INSERT INTO learners VALUES (?, ?, NULL, NULL, 0, 0, NULL)',
		args: [learnerIdFromToken(token), district(876)]
	});
	// The old rollups: whatever they held, they follow definition 1 and the step is level with them.
	statements.push({
		sql: 'INSERT INTO rollup_state VALUES (1, (SELECT max(rowid) FROM learning_events))',
		args: []
	});
	await db.batch(statements, 'write');
	// What each district should show: every learner once, in the place of their first event of the
	// year (all of a learner's events here are in 2024), skilled if they passed a quiz that year.
	const figures = await db.execute(`
		SELECT r.code, count(DISTINCT f.learner_id) AS reached,
			count(DISTINCT CASE WHEN a.passed THEN f.learner_id END) AS skilled
		FROM regions r LEFT JOIN (
			SELECT learner_id, region_id FROM learning_events e
			WHERE occurred_at = (SELECT min(occurred_at) FROM learning_events WHERE learner_id = e.learner_id)
		) f ON f.region_id = r.id
		LEFT JOIN quiz_attempts a ON a.learner_id = f.learner_id GROUP BY r.code`);
	const province = await db.execute('SELECT count(DISTINCT learner_id) FROM learning_events');
	return {
		token,
		byDistrict: new Map(figures.rows.map((r) => [String(r[0]), [Number(r[1]), Number(r[2])]])),
		people: Number(province.rows[0]![0])
	};
}
