import type { Question } from './types';

export type Answers = Record<string, string[]>;

/** What grading needs of a quiz: the server passes the content's quiz, a saved page its own key. */
export interface QuizKey {
	passMark: number;
	questions: Pick<Question, 'id' | 'kind' | 'optionIds' | 'correct'>[];
}

export interface GradedQuestion {
	id: string;
	chosen: string[];
	correct: boolean;
}

export interface Grade {
	score: number;
	total: number;
	passed: boolean;
	questions: GradedQuestion[];
}

export type GradeProblem = 'unknown-question' | 'unknown-option' | 'several-for-single';

export class GradeError extends Error {
	constructor(
		readonly problem: GradeProblem,
		readonly questionId: string
	) {
		super(`${problem}: ${questionId}`);
	}
}

/**
 * Grades answers against a quiz. A question is right only when exactly its right options are chosen;
 * an unanswered question is wrong. Answers that cannot come from the quiz's form throw GradeError.
 */
export function gradeQuiz(quiz: QuizKey, answers: Answers): Grade {
	for (const id of Object.keys(answers)) {
		if (!quiz.questions.some((q) => q.id === id)) throw new GradeError('unknown-question', id);
	}
	const questions = quiz.questions.map((question) => {
		const chosen = [...new Set(answers[question.id] ?? [])].sort();
		if (chosen.some((option) => !question.optionIds.includes(option))) {
			throw new GradeError('unknown-option', question.id);
		}
		if (question.kind === 'single' && chosen.length > 1) {
			throw new GradeError('several-for-single', question.id);
		}
		const correct =
			chosen.length === question.correct.length &&
			chosen.every((o) => question.correct.includes(o));
		return { id: question.id, chosen, correct };
	});
	const score = questions.filter((q) => q.correct).length;
	const total = questions.length;
	return { score, total, passed: score * 100 >= quiz.passMark * total, questions };
}
