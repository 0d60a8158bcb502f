import { describe, expect, it } from 'vitest';
import { gradeQuiz, GradeError } from './grade';
import type { Quiz } from './types';

const text = { promptHtml: '', optionsHtml: [], explanationHtml: '' };
const quiz: Quiz = {
	passMark: 70,
	questions: [
		{
			id: 'one',
			kind: 'single',
			optionIds: ['a', 'b', 'c'],
			correct: ['b'],
			text: { vi: text, en: text }
		},
		{
			id: 'many',
			kind: 'multiple',
			optionIds: ['a', 'b', 'c'],
			correct: ['a', 'c'],
			text: { vi: text, en: text }
		},
		{
			id: 'three',
			kind: 'single',
			optionIds: ['a', 'b'],
			correct: ['a'],
			text: { vi: text, en: text }
		}
	]
};

describe('gradeQuiz', () => {
	it('passes when every answer is right', () => {
		expect(gradeQuiz(quiz, { one: ['b'], many: ['c', 'a'], three: ['a'] })).toMatchObject({
			score: 3,
			total: 3,
			passed: true
		});
	});

	it('counts a multiple-choice question right only with exactly its right options', () => {
		const grade = gradeQuiz(quiz, { one: ['b'], many: ['a'], three: ['a'] });
		expect(grade.questions.map((q) => q.correct)).toEqual([true, false, true]);
		expect(gradeQuiz(quiz, { many: ['a', 'b', 'c'] }).questions[1]?.correct).toBe(false);
	});

	it('applies the pass mark as a percentage (2 of 3 is under 70%)', () => {
		expect(gradeQuiz(quiz, { one: ['b'], many: ['a', 'c'] })).toMatchObject({
			score: 2,
			passed: false
		});
		expect(gradeQuiz({ ...quiz, passMark: 60 }, { one: ['b'], many: ['a', 'c'] }).passed).toBe(
			true
		);
	});

	it('treats an unanswered question as wrong and ignores repeated options', () => {
		const grade = gradeQuiz(quiz, { many: ['a', 'a', 'c'] });
		expect(grade.questions.map((q) => [q.id, q.chosen, q.correct])).toEqual([
			['one', [], false],
			['many', ['a', 'c'], true],
			['three', [], false]
		]);
	});

	it.each([
		[{ forged: ['a'] }, 'unknown-question'],
		[{ one: ['d'] }, 'unknown-option'],
		[{ one: ['a', 'b'] }, 'several-for-single']
	] as const)('refuses answers no quiz form can send: %j', (answers, problem) => {
		expect(() => gradeQuiz(quiz, answers as unknown as Record<string, string[]>)).toThrowError(
			new GradeError(problem, Object.keys(answers)[0]!)
		);
	});
});
