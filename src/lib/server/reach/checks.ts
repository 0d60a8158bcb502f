import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { provinceDay } from '../dates';
import { completes, minSecondsFromOpening } from './definition';
import { openGroup } from './holds';
import type { FreshEvent, Statement } from './statements';

/**
 * The pace of learning, checked when events are written: a lesson finished, or its quiz submitted,
 * through the event API must follow an opening of that lesson by the same learner (the pages record it
 * through the outbox, offline too), at least a plausible reading time earlier. Otherwise the event is
 * held for review (`too-fast`, `no-opening`), in a group per unit and day. Forms sent without
 * JavaScript carry no opening, and are not asked for one.
 */
export async function paceHolds(
	db: Db,
	fresh: FreshEvent[]
): Promise<{ statements: Statement[]; held: Map<string, string> }> {
	const checked = fresh.filter((f) => f.recorder.via === 'api' && completes(f.input.type));
	const held = new Map<string, string>();
	if (!checked.length) return { statements: [], held };
	const learners = [...new Set(checked.map((f) => f.recorder.learnerId))];
	const stored = (await db.all(sql`
		SELECT learner_id AS learner, course_slug AS course, lesson_slug AS lesson, occurred_at AS at
		FROM learning_events WHERE type = 'lesson_opened'
			AND learner_id IN (SELECT value FROM json_each(${JSON.stringify(learners)}))`)) as {
		learner: string;
		course: string;
		lesson: string;
		at: number;
	}[];
	const openings = [
		...stored,
		...fresh
			.filter((f) => f.input.type === 'lesson_opened')
			.map((f) => ({
				learner: f.recorder.learnerId,
				course: f.input.course,
				lesson: f.input.lesson,
				at: f.input.occurredAt.getTime()
			}))
	];
	const statements: Statement[] = [];
	const groups = new Map<string, string>();
	for (const f of checked) {
		const at = f.input.occurredAt.getTime();
		const last = Math.max(
			-Infinity,
			...openings
				.filter(
					(o) =>
						o.learner === f.recorder.learnerId &&
						o.course === f.input.course &&
						o.lesson === f.input.lesson &&
						o.at <= at
				)
				.map((o) => o.at)
		);
		const reason =
			last === -Infinity
				? 'no-opening'
				: at - last < minSecondsFromOpening(f.input.type, f.lessonMinutes) * 1000
					? 'too-fast'
					: null;
		if (!reason) continue;
		const group = { reason, area: f.recorder.regionId, bucket: provinceDay(at), key: '' } as const;
		const name = `${group.reason}/${group.area}/${group.bucket}`;
		let id = groups.get(name);
		if (!id) {
			const open = await openGroup(db, group, f.receivedAt);
			id = open.id;
			groups.set(name, id);
			if (open.statement) statements.push(open.statement);
		}
		held.set(f.input.id, id);
	}
	return { statements, held };
}
