import type { Audience, Locale, ScamType } from './vocabulary';

export type QuestionKind = 'single' | 'multiple';

/** Option ids are letters by position ('a', 'b', …), identical in every locale. */
export interface QuestionText {
	promptHtml: string;
	optionsHtml: string[];
	explanationHtml: string;
}

export interface Question {
	id: string;
	kind: QuestionKind;
	optionIds: string[];
	correct: string[];
	text: Record<Locale, QuestionText>;
}

export interface Quiz {
	passMark: number;
	questions: Question[];
}

export interface LessonText {
	title: string;
	html: string;
	takeaway: string;
	action: string;
	report: string;
}

export interface Lesson {
	slug: string;
	position: number;
	minutes: number;
	audience: Audience[];
	scam: ScamType | null;
	text: Record<Locale, LessonText>;
	quiz: Quiz;
}

export interface CourseText {
	title: string;
	summary: string;
	introHtml: string;
}

export interface Course {
	slug: string;
	order: number;
	minutes: number;
	audience: Audience[];
	tags: string[];
	text: Record<Locale, CourseText>;
	lessons: Lesson[];
}

export interface Catalogue {
	courses: Course[];
	/** A hash of every content file: changes whenever any course text changes. */
	version: string;
}
