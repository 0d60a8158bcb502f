import { describe, expect, it } from 'vitest';
import { isLearnerPage } from './routes';

describe('learner pages kept on the device', () => {
	it('are the home, course, lesson, quiz, privacy and counting pages in either language', () => {
		for (const path of [
			'/',
			'/en',
			'/__data.json',
			'/en/__data.json',
			'/courses/online-scams',
			'/en/courses/online-scams/stop-verify-report',
			'/en/courses/online-scams/stop-verify-report/quiz/__data.json',
			'/privacy',
			'/en/how-we-count'
		])
			expect(isLearnerPage(path), path).toBe(true);
	});

	it('never include My data, staff pages or a quiz result', () => {
		for (const path of [
			'/me',
			'/en/me',
			'/admin',
			'/en/dashboard',
			'/courses/online-scams/stop-verify-report/quiz/result',
			'/english'
		])
			expect(isLearnerPage(path), path).toBe(false);
	});
});
