import { expect, test } from '@playwright/test';
import { answerQuiz, firstCourse, learnerIdOf, onboard, scalar } from './support';

const course = firstCourse;
const [lesson1, lesson2] = [course.lessons[0]!, course.lessons[1]!];

test('a batch from the outbox with one malformed event stores the others and reports the bad one', async ({
	page
}) => {
	await onboard(page, 'Xã Lấp Vò');
	const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
	const base = { course: course.slug, lesson: lesson1.slug, occurredAt: Date.now() - 60_000 };
	const events = [
		{ id: ids[0], type: 'lesson_completed', ...base },
		{ id: ids[1], type: 'quiz_submitted', ...base, answers: { nope: ['a'] } },
		{ id: ids[2], type: 'lesson_completed', ...base, lesson: lesson2.slug }
	];
	const response = await page.request.post('/api/events', { data: { events } });
	expect(response.status()).toBe(200);
	expect((await response.json()).results).toEqual([
		{ id: ids[0], status: 'created' },
		{ id: ids[1], status: 'rejected', error: 'unknown-question' },
		{ id: ids[2], status: 'created' }
	]);
	const placeholders = ids.map(() => '?').join(',');
	expect(
		await scalar(`SELECT count(*) FROM learning_events WHERE id IN (${placeholders})`, ids)
	).toBe(2);
});

test('without JavaScript, a lesson and its quiz still record through the server forms', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await onboard(page, 'Xã Thanh Bình');
	const learnerId = await learnerIdOf(
		(await context.cookies()).find((c) => c.name === 'learner')!.value
	);
	await page.goto(`/courses/${course.slug}/${lesson1.slug}`);
	await page.getByRole('button', { name: 'Tôi đã đọc xong, làm bài kiểm tra' }).click();
	await expect(page).toHaveURL(`/courses/${course.slug}/${lesson1.slug}/quiz`);
	await answerQuiz(page, 0);
	await page.getByRole('button', { name: 'Nộp bài' }).click();
	await expect(page).toHaveURL(/\?attempt=/);
	await expect(page.getByRole('heading', { name: 'Bạn đã đạt!' })).toBeVisible();
	expect(
		await scalar(
			"SELECT count(*) FROM learning_events WHERE type <> 'lesson_opened' AND learner_id = ?",
			[learnerId]
		)
	).toBe(2);
	await context.close();
});
