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

/** The dashboard's district table columns, in order; each can be sorted by (`?sort=`). */
export const districtColumns = [
	'name',
	'reached',
	'skilled',
	'inPersonVerified',
	'selfReported',
	'baseline',
	'reachPct'
] as const;
export type DistrictColumn = (typeof districtColumns)[number];
