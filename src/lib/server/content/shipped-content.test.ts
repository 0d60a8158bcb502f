import { describe, expect, it } from 'vitest';
import { audiences } from '$lib/content/vocabulary';
import { buildCatalogue } from './catalogue';
import { readContentDir } from './read-dir';

/** The content lint for the shipped curriculum: every rule of buildCatalogue, plus catalogue-wide ones. */
describe('shipped content', () => {
	const { catalogue, problems } = buildCatalogue(readContentDir('content'));

	it('has no problems', () => {
		expect(problems).toEqual([]);
	});

	it('has at least two courses, each with lessons that end in a quiz in both locales', () => {
		expect(catalogue.courses.length).toBeGreaterThanOrEqual(2);
		for (const course of catalogue.courses) {
			expect(course.lessons.length).toBeGreaterThan(0);
			for (const lesson of course.lessons) {
				expect(lesson.quiz.questions.length).toBeGreaterThanOrEqual(3);
				for (const q of lesson.quiz.questions) {
					expect(q.text.vi.explanationHtml.length).toBeGreaterThan(0);
					expect(q.text.en.explanationHtml.length).toBeGreaterThan(0);
				}
			}
		}
	});

	it('tags every lesson with known audiences', () => {
		for (const lesson of catalogue.courses.flatMap((c) => c.lessons)) {
			expect(lesson.audience.every((a) => audiences.includes(a))).toBe(true);
		}
	});
});
