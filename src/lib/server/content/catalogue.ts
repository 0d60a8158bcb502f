import { createHash } from 'node:crypto';
import type { Catalogue, Course } from '../../content/types.ts';
import { loadCourse } from './load-course.ts';
import { Problems, type ContentFiles, type ContentProblem } from './problems.ts';

export type { ContentFiles, ContentProblem } from './problems.ts';

/** Validates every course and builds the catalogue; a course with any problem is left out of it. */
export function buildCatalogue(files: ContentFiles): {
	catalogue: Catalogue;
	problems: ContentProblem[];
} {
	const problems = new Problems();
	const byCourse = new Map<string, Map<string, string>>();
	for (const [path, raw] of Object.entries(files)) {
		const m = /^courses\/([^/]+)\/([^/]+)$/.exec(path);
		if (!m) {
			problems.add(path, 'unexpected file: course files live in courses/<course-slug>/');
			continue;
		}
		const [, course = '', name = ''] = m;
		if (!byCourse.has(course)) byCourse.set(course, new Map());
		byCourse.get(course)!.set(name, raw);
	}
	const courses: Course[] = [];
	for (const [slug, courseFiles] of [...byCourse].sort(([a], [b]) => a.localeCompare(b))) {
		const course = loadCourse(problems, slug, courseFiles);
		if (!course) continue;
		const clash = courses.find((c) => c.order === course.order);
		if (clash)
			problems.add(
				`courses/${slug}/course.vi.md`,
				`order ${course.order} is already used by course "${clash.slug}"`
			);
		else courses.push(course);
	}
	courses.sort((a, b) => a.order - b.order);
	const hash = createHash('sha256');
	for (const path of Object.keys(files).sort())
		hash.update(path).update('\0').update(files[path]!).update('\0');
	return {
		catalogue: { courses, version: hash.digest('hex').slice(0, 12) },
		problems: problems.list
	};
}
