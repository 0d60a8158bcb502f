import type { Role } from './vocabulary';

/** What the pages everyone shares need of a course in one locale; nothing about the reader. */
export interface CourseCard {
	slug: string;
	title: string;
	summary: string;
	minutes: number;
	audience: string[];
	lessonCount: number;
	lessons: string[];
}

export interface LessonRow {
	slug: string;
	title: string;
	minutes: number;
}

export type LessonState = 'new' | 'read' | 'passed';

/** One lesson a learner has done something with: read, and the best quiz score. */
export interface LessonMark {
	course: string;
	lesson: string;
	state: LessonState;
	/** The best score as "right/total", once a quiz was graded. */
	score: string | null;
}

/** What is personal on the shared pages (GET /api/me/progress): fetched once the page has loaded. */
export interface MeView {
	learner: { regionName: string; askPlace: boolean } | null;
	user: { role: Role } | null;
	progress: LessonMark[];
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

/** A line of an uploaded baselines file as its preview shows it, figures in the page's language. */
export interface BaselinePreviewLine {
	line: number;
	code: string;
	/** The area's own name when the code is known, else what the file says. */
	name: string;
	users: string;
	year: string;
	source: string;
	/** A row with problems, or what saving it would do. */
	status: 'problem' | 'new' | 'replaces' | 'same';
	/** The figure saved now for that area and year, when saving replaces it. */
	previous: string | null;
	problems: string[];
	flags: string[];
}

/** What an upload shows before anything is saved; `text` is posted again to save, and read again. */
export interface BaselinePreview {
	fileName: string;
	text: string;
	demo: boolean;
	problems: { line: number; message: string }[];
	flags: { line: number; message: string }[];
	/** The flagged lines, to check on saving that the confirmation was for these. */
	flagged: string;
	lines: BaselinePreviewLine[];
	/** Lines with an area but no figure: left as they are. */
	skipped: number;
	counts: { new: number; replaces: number; same: number; toSave: number };
	confirmError?: string;
}

/** The single form: what was typed, and the problem of each field. */
export interface BaselineFigureForm {
	values: { region: string; year: string; users: string; source: string; demo: boolean };
	errors: Partial<Record<'region' | 'year' | 'users' | 'source' | 'demo', string>>;
}

/** A former district on the list of areas without a baseline. */
export interface MissingGroup {
	/** The former district's GSO code. */
	code: string;
	name: string;
	/** Whether the former district has a figure of its own. */
	own: boolean;
	/** Its reach % shows: a figure of its own, or one for every unit of it. */
	shows: boolean;
	/** Its units without a figure, by name. */
	units: string[];
}

export interface MissingBaselines {
	/** The year the dashboard shows: a figure counts if it is for this year or an earlier one. */
	year: number;
	province: { own: boolean; shows: boolean };
	units: { total: number; missing: number };
	districts: { total: number; missing: number };
	/** Former districts whose reach % does not show, or with a unit that has no figure, in data order. */
	groups: MissingGroup[];
}
