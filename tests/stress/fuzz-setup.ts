/** The fuzzer's set-up (people and things to forge against) and its checksums of every table. */
import { createHash } from 'node:crypto';
import type { Client } from '@libsql/client';
import { eventFor, lessons, origin, rollupsCaughtUp } from './harness.ts';
import { makeStaff, newLearners } from './harness-people.ts';
import type { Context, Who } from './fuzz-routes-common.ts';

/**
 * Tables left out of the checksum, and why: failed sign-ins, sign-ups and wrong join codes are counted
 * in rate_limits on purpose (that is the limit working).
 */
export const unchecked = ['rate_limits'];

export async function snapshot(db: Client): Promise<Map<string, string>> {
	const tables = await db.execute(
		`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN (${unchecked.map(() => '?').join(', ')})`,
		unchecked
	);
	const sums = new Map<string, string>();
	for (const row of tables.rows) {
		const name = String(row[0]);
		const rows = await db.execute(`SELECT * FROM "${name}"`);
		const lines = rows.rows.map((r) => JSON.stringify(Array.from(r))).sort();
		sums.set(name, createHash('sha256').update(lines.join('\n')).digest('hex'));
	}
	return sums;
}

export const changed = (a: Map<string, string>, b: Map<string, string>) =>
	[...b.keys()].filter((t) => a.get(t) !== b.get(t));

/** Sets up the people and things to forge against; returns their cookies and ids. */
export async function setUp(db: Client): Promise<{ c: Context; cookies: Record<Who, string> }> {
	const staff = await makeStaff(db);
	const [learner, other] = await newLearners(2);
	const lesson = lessons[0]!;
	const postOne = async (cookie: string) => {
		const event = eventFor(lesson, 0, Date.now());
		const response = await fetch(`${origin}/api/events`, {
			method: 'POST',
			body: JSON.stringify({ events: [event] }),
			headers: { 'content-type': 'application/json', origin, cookie }
		});
		if (response.status !== 200) throw new Error(`set-up event: ${response.status}`);
		return event.id;
	};
	const ownEvent = await postOne(learner!);
	const othersEvent = await postOne(other!);
	const ids = await db.execute(
		"SELECT (SELECT id FROM invites WHERE used_at IS NOT NULL LIMIT 1), (SELECT id FROM users WHERE role = 'admin'), (SELECT id FROM users WHERE username = 'stress-org-b')"
	);
	const [usedInvite, adminId, organizerBId] = Array.from(ids.rows[0]!).map(String) as [
		string,
		string,
		string
	];
	// The set-up's own events are folded into the rollups before the first checksum is taken.
	if (!(await rollupsCaughtUp(db)))
		throw new Error('the rollups did not catch up after the set-up');
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(
		new Date()
	);
	return {
		c: {
			staff,
			course: lesson.course,
			lesson: lesson.lesson,
			questions: lesson.quiz.questions.map((q) => ({ id: q.id, options: q.optionIds })),
			ownEvent,
			othersEvent,
			usedInvite,
			adminId,
			organizerBId,
			today
		},
		cookies: {
			anonymous: '',
			learner: learner!,
			organizerA: staff.organizerA,
			organizerB: staff.organizerB,
			analyst: staff.analyst,
			admin: staff.admin
		}
	};
}
