import { describe, expect, it } from 'vitest';
import { lessonsDone, markOf, mergeMarks } from './progress';
import type { LessonMark } from './views';

const mark = (lesson: string, state: LessonMark['state'], score: string | null = null) => ({
	course: 'c',
	lesson,
	state,
	score
});

describe('lesson marks', () => {
	it('keep the furthest state and the best score of each lesson', () => {
		const merged = mergeMarks(
			[mark('a', 'passed', '3/4'), mark('b', 'read')],
			[mark('a', 'read', '4/4'), mark('b', 'passed', '2/4'), mark('c', 'read')]
		);
		expect(merged).toEqual([
			mark('a', 'passed', '4/4'),
			mark('b', 'passed', '2/4'),
			mark('c', 'read')
		]);
	});

	it('count lessons read, quizzes taken included, and say new for the rest', () => {
		const marks = [mark('a', 'passed', '4/4'), mark('b', 'read'), mark('x', 'new', '1/4')];
		expect(lessonsDone(marks, 'c', ['a', 'b', 'd'])).toBe(2);
		expect(markOf(marks, 'c', 'd')).toEqual(mark('d', 'new'));
		expect(markOf(marks, 'other', 'a').state).toBe('new');
	});
});
