/**
 * A synthetic province generated inside the database by SQL (millions of rows in seconds): learners
 * over today's 102 communes and wards and 5 years, lesson and quiz events (a fifth of quizzes failed),
 * 24 campaigns with a tenth of events attributed, and the lessons' audience tags. For the bench and for
 * tests that need volume; the rollups are left to build (`reach:rebuild` or the server's own rebuild).
 */
import type { Client } from '@libsql/client';
import { buildCatalogue } from '../src/lib/server/content/catalogue.ts';
import { readContentDir } from '../src/lib/server/content/read-dir.ts';
import { communeIds } from './places.ts';

const catalogue = buildCatalogue(readContentDir('content')).catalogue;
const lessons = catalogue.courses.flatMap((c) =>
	c.lessons.map((l) => ({ course: c.slug, lesson: l.slug }))
);

export async function generateProvince(
	client: Client,
	learners: number,
	events: number,
	progress?: (done: number) => void
): Promise<void> {
	const lessonJson = JSON.stringify(lessons.map((l) => [l.course, l.lesson]));
	// Each learner lives in one of today's communes and wards, and learns there.
	const units = JSON.stringify(communeIds);
	const fiveYears = 5 * 365 * 86_400_000;
	const start = Date.UTC(2021, 11, 1);
	await client.execute(
		"INSERT INTO organizations VALUES ('bench-org', 'Trường bench', 'school', 'dong-thap-2026:29869', 0)"
	);
	for (let c = 0; c < 24; c++) {
		await client.execute({
			sql: "INSERT INTO campaigns (id, organization_id, title, join_code, audience, target_size, starts_on, ends_on, status, created_by, created_at) VALUES (?, 'bench-org', ?, ?, NULL, 1000, '2021-01-01', '2099-01-01', 'active', NULL, 0)",
			args: [`bench-c${c}`, `Bench ${c}`, `BENCH${'ABCDEFGHJKLMNPQRSTUVWXYZ'[c]}XY`]
		});
	}
	// The lessons' audience tags, as the server syncs them at start-up: the rebuild below needs them.
	const tags = catalogue.courses.flatMap((c) =>
		c.lessons.flatMap((l) => l.audience.map((audience) => [c.slug, l.slug, audience]))
	);
	await client.execute({
		sql: 'INSERT OR IGNORE INTO lesson_tags (course_slug, lesson_slug, audience) SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)',
		args: [JSON.stringify(tags)]
	});
	const chunk = 1_000_000;
	for (let from = 0; from < learners; from += chunk) {
		const to = Math.min(learners, from + chunk);
		await client.execute({
			sql: `WITH RECURSIVE seq(n) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < CAST(? AS INTEGER))
				INSERT INTO learners (id, region_id, age_band, user_id, consented_at, created_at, erased_at)
				SELECT printf('bl%09d', n), json_extract(?, '$[' || (n % CAST(? AS INTEGER)) || ']'),
					CASE n % 6 WHEN 0 THEN NULL WHEN 1 THEN 'under-15' WHEN 2 THEN '15-24' WHEN 3 THEN '25-39' WHEN 4 THEN '40-59' ELSE '60-plus' END,
					NULL, 0, 0, NULL FROM seq`,
			args: [from, to, units, communeIds.length]
		});
	}
	for (let from = 0; from < events; from += chunk) {
		const to = Math.min(events, from + chunk);
		await client.batch(
			[
				{
					sql: `WITH RECURSIVE seq(n) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < CAST(? AS INTEGER)),
						ls AS (SELECT key AS i, json_extract(value, '$[0]') AS course, json_extract(value, '$[1]') AS lesson FROM json_each(?))
					INSERT INTO learning_events (id, learner_id, type, region_id, course_slug, lesson_slug, occurred_at, received_at)
					SELECT printf('be%010d', n), printf('bl%09d', n % CAST(? AS INTEGER)), CASE WHEN n % 3 = 0 THEN 'quiz_submitted' ELSE 'lesson_completed' END,
						json_extract(?, '$[' || ((n % CAST(? AS INTEGER)) % CAST(? AS INTEGER)) || ']'), ls.course, ls.lesson,
						CAST(? + (n * ?) / ? AS INTEGER), CAST(? + (n * ?) / ? AS INTEGER)
					FROM seq JOIN ls ON ls.i = n % CAST(? AS INTEGER)`,
					args: [
						from,
						to,
						lessonJson,
						learners,
						units,
						learners,
						communeIds.length,
						start,
						fiveYears,
						events,
						start,
						fiveYears,
						events,
						lessons.length
					]
				},
				{
					sql: `INSERT INTO quiz_attempts (id, learner_id, course_slug, lesson_slug, score, total, passed, content_version, occurred_at)
						SELECT id, learner_id, course_slug, lesson_slug, 3, 4, (CAST(substr(id, 3) AS integer) % 5) <> 0, 'bench', occurred_at
						FROM learning_events WHERE id >= printf('be%010d', CAST(? AS INTEGER)) AND id < printf('be%010d', CAST(? AS INTEGER)) AND type = 'quiz_submitted'`,
					args: [from, to]
				},
				{
					sql: `INSERT INTO event_campaigns (event_id, campaign_id)
						SELECT id, 'bench-c' || (CAST(substr(id, 3) AS integer) % 24) FROM learning_events
						WHERE id >= printf('be%010d', CAST(? AS INTEGER)) AND id < printf('be%010d', CAST(? AS INTEGER)) AND CAST(substr(id, 3) AS integer) % 10 = 0`,
					args: [from, to]
				}
			],
			'write'
		);
		progress?.(to);
	}
}
