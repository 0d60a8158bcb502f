import type { LessonMark, LessonState } from './views';

const rank: Record<LessonState, number> = { new: 0, read: 1, passed: 2 };
const right = (score: string | null) => (score ? Number(score.split('/')[0]) : -1);

/**
 * One mark per lesson from several sources (the server's answer, what this device did since): the
 * furthest state and the best score win, as the server's own summary does.
 */
export function mergeMarks(...lists: LessonMark[][]): LessonMark[] {
	const byLesson = new Map<string, LessonMark>();
	for (const mark of lists.flat()) {
		const key = `${mark.course}/${mark.lesson}`;
		const known = byLesson.get(key);
		byLesson.set(key, {
			course: mark.course,
			lesson: mark.lesson,
			state: known && rank[known.state] > rank[mark.state] ? known.state : mark.state,
			score: known && right(known.score) > right(mark.score) ? known.score : mark.score
		});
	}
	return [...byLesson.values()];
}

export function markOf(marks: LessonMark[], course: string, lesson: string): LessonMark {
	return (
		marks.find((m) => m.course === course && m.lesson === lesson) ?? {
			course,
			lesson,
			state: 'new',
			score: null
		}
	);
}

/** How many of a course's lessons this learner has read (a quiz taken counts as read). */
export function lessonsDone(marks: LessonMark[], course: string, lessons: string[]): number {
	return lessons.filter((lesson) => markOf(marks, course, lesson).state !== 'new').length;
}
