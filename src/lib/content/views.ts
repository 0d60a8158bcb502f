/** What the pages need of a course in one locale, plus this learner's progress. */
export interface CourseCard {
	slug: string;
	title: string;
	summary: string;
	minutes: number;
	audience: string[];
	lessonCount: number;
	completed: number;
}

export interface LessonRow {
	slug: string;
	title: string;
	minutes: number;
	state: 'new' | 'read' | 'passed';
	score: string | null;
}
