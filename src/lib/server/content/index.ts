import type { Catalogue, Course, Lesson } from '$lib/content/types';
import { buildCatalogue, type ContentFiles } from './catalogue';

/** Bundled at build time: the built server carries its content and needs no content/ folder. */
const raw = import.meta.glob('/content/courses/**/*', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

let cached: Catalogue | undefined;

/** The validated catalogue, built once. Broken content stops the server with the same report as the build. */
export function getCatalogue(): Catalogue {
	if (cached) return cached;
	const files: ContentFiles = {};
	for (const [path, text] of Object.entries(raw)) files[path.replace(/^\/content\//, '')] = text;
	const { catalogue, problems } = buildCatalogue(files);
	if (problems.length > 0) {
		throw new Error(
			`content/ is invalid:\n${problems.map((p) => `  ${p.path}: ${p.reason}`).join('\n')}`
		);
	}
	cached = catalogue;
	return catalogue;
}

export function findCourse(slug: string): Course | undefined {
	return getCatalogue().courses.find((c) => c.slug === slug);
}

export interface LessonInCourse {
	course: Course;
	lesson: Lesson;
	index: number;
	previous: Lesson | null;
	next: Lesson | null;
}

export function findLesson(courseSlug: string, lessonSlug: string): LessonInCourse | undefined {
	const course = findCourse(courseSlug);
	const index = course?.lessons.findIndex((l) => l.slug === lessonSlug) ?? -1;
	if (!course || index < 0) return undefined;
	return {
		course,
		lesson: course.lessons[index]!,
		index,
		previous: course.lessons[index - 1] ?? null,
		next: course.lessons[index + 1] ?? null
	};
}
