/** The fuzzer's people, the shapes of its routes, and the forged paths its route tables share. */
import type { Staff } from './harness-people.ts';

export type Who = 'anonymous' | 'learner' | 'organizerA' | 'organizerB' | 'analyst' | 'admin';
export const everyone: Who[] = [
	'anonymous',
	'learner',
	'organizerA',
	'organizerB',
	'analyst',
	'admin'
];

export interface Context {
	staff: Staff;
	course: string;
	lesson: string;
	questions: { id: string; options: string[] }[];
	/** An event of this learner, and one of another learner (its id is forged when sent by this one). */
	ownEvent: string;
	othersEvent: string;
	usedInvite: string;
	adminId: string;
	organizerBId: string;
	today: string;
}

export type Fields = [string, string][];

export interface FormRoute {
	name: string;
	path: (c: Context) => string;
	/** Paths whose ids name nothing or someone else's thing: refused whatever the form says. */
	forgedPaths?: (c: Context) => string[];
	fields?: (c: Context) => Fields;
	/** Values that make the request be refused, per field. */
	breakers?: (c: Context) => Record<string, string[]>;
	/** People for whom even a well-formed request changes nothing (no right, or not theirs). */
	harmlessFor?: (c: Context) => Who[];
	/** The action never reads its body (so a huge body does not stop it). */
	ignoresBody?: boolean;
	/** Whatever it is sent changes no row outside the listed exceptions (e.g. only rate-limit counters). */
	alwaysHarmless?: boolean;
}

export interface GetRoute {
	name: string;
	paths: (c: Context) => string[];
	query?: string[];
}

export const forgedUuids = [
	'00000000-0000-0000-0000-000000000000',
	crypto.randomUUID(),
	'-1',
	"1' OR '1'='1"
];
export const checkinCodes = [
	'/checkin/ZZZZZZZZZZZZZZZZ',
	'/checkin/0',
	`/checkin/${encodeURIComponent("' OR 1=1")}`
];
export const lessonPath = (c: Context) => `/courses/${c.course}/${c.lesson}`;
export const forgedLessons = (c: Context, suffix: string) => [
	`/courses/${c.course}/no-such-lesson${suffix}`,
	`/courses/no-such-course/${c.lesson}${suffix}`,
	`/courses/${encodeURIComponent("x' OR 1=1 --")}/${c.lesson}${suffix}`,
	`/courses/${c.course}/${encodeURIComponent('<script>')}${suffix}`
];
