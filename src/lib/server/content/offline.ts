import { createHash } from 'node:crypto';
import type { Catalogue } from '$lib/content/types';

export interface OfflineCourse {
	slug: string;
	/** Changes whenever this course's text, lessons or quizzes change, in any language. */
	version: string;
	/**
	 * The pages a saved course needs, each with its SvelteKit data twin for in-app navigation: bare
	 * paths, which the device asks for in the language it reads (/en/… for English).
	 */
	urls: string[];
}

const withData = (path: string) => [path, `${path === '/' ? '' : path}/__data.json`];

let cached: { catalogue: Catalogue; courses: OfflineCourse[] } | undefined;

/** What "save for offline" stores per course: the home page, the course page, each lesson and quiz. */
export function offlineCourses(catalogue: Catalogue): OfflineCourse[] {
	if (cached?.catalogue === catalogue) return cached.courses;
	const courses = catalogue.courses.map((course) => ({
		slug: course.slug,
		version: createHash('sha256').update(JSON.stringify(course)).digest('hex').slice(0, 12),
		urls: [
			'/',
			`/courses/${course.slug}`,
			...course.lessons.flatMap((l) => [
				`/courses/${course.slug}/${l.slug}`,
				`/courses/${course.slug}/${l.slug}/quiz`
			])
		].flatMap(withData)
	}));
	cached = { catalogue, courses };
	return courses;
}
