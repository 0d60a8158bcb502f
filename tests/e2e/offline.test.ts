import { expect, test, type Page } from '@playwright/test';
import { answerQuiz, firstCourse, learnerIdOf, onboard, scalar, shot } from './support';

const course = firstCourse;
const [lesson1, lesson2] = [course.lessons[0]!, course.lessons[1]!];

/** The events still queued on the device, read straight from its IndexedDB outbox. */
function outbox(
	page: Page
): Promise<{ id: string; type: string; lesson: string; occurredAt: number }[]> {
	return page.evaluate(
		() =>
			new Promise((resolve, reject) => {
				const open = indexedDB.open('an-toan-mang');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction('outbox').objectStore('outbox').getAll();
					all.onsuccess = () =>
						resolve(all.result.map((e: { event: unknown }) => e.event) as never);
					all.onerror = () => reject(all.error);
				};
			})
	);
}

async function controlledByWorker(page: Page): Promise<void> {
	await page.waitForFunction(
		async () => (await navigator.serviceWorker.ready).active?.state === 'activated'
	);
	// The first page loaded before the worker existed: reload so that the worker serves this page.
	await page.reload();
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('learning offline: a saved course works with no network, and its events reach the server exactly once', async ({
	context,
	page
}) => {
	test.setTimeout(120_000);
	await onboard(page, 'Xã Ba Sao');
	await controlledByWorker(page);
	const learnerId = await learnerIdOf(
		(await context.cookies()).find((c) => c.name === 'learner')!.value
	);
	const stored = () =>
		scalar(
			"SELECT count(*) FROM learning_events WHERE type <> 'lesson_opened' AND learner_id = ?",
			[learnerId]
		);

	// Save the course for offline use, and see how much room it takes.
	await page.goto(`/courses/${course.slug}`);
	await page.getByRole('button', { name: 'Lưu để học ngoại tuyến' }).click();
	await expect(page.getByText(/Đã lưu trên máy này \(\d+ KB\)/)).toBeVisible({ timeout: 30_000 });
	await expect(page.getByText(/Các khóa học đã lưu chiếm \d+ KB trên tối đa 25 MB/)).toBeVisible();
	await shot(page, 'offline-saved');

	// No network from here on. Nothing may fail visibly: every request is answered by the device.
	const failed: string[] = [];
	// A request the page itself abandoned (a newer navigation) is not a failure a learner would see.
	page.on(
		'requestfailed',
		(r) => r.failure()?.errorText !== 'net::ERR_ABORTED' && failed.push(`${r.method()} ${r.url()}`)
	);
	page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(course.text.vi.title);
	await expect(page.getByText('Bạn đang ngoại tuyến.', { exact: false })).toBeVisible();

	// Two lessons and a quiz, offline.
	await page.getByRole('link', { name: lesson1.text.vi.title }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson1.text.vi.title);
	await page.getByRole('button', { name: 'Tôi đã đọc xong, làm bài kiểm tra' }).click();
	await expect(page).toHaveURL(`/courses/${course.slug}/${lesson1.slug}/quiz`);
	await answerQuiz(page, 0);
	await page.getByRole('button', { name: 'Nộp bài' }).click();
	// Feedback and explanations still show offline, graded on the device; focus goes to the result.
	await expect(page.getByRole('region', { name: 'Bạn đã đạt!' })).toBeFocused();
	await expect(page.getByRole('heading', { name: 'Giải thích' })).toHaveCount(
		lesson1.quiz.questions.length
	);
	await expect(page.getByText('2 hoạt động đang chờ đồng bộ.')).toBeVisible();
	await shot(page, 'offline-quiz-result');

	await page.getByRole('link', { name: `Bài tiếp theo: ${lesson2.text.vi.title}` }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson2.text.vi.title);
	await page.getByRole('button', { name: 'Tôi đã đọc xong, làm bài kiểm tra' }).click();
	await expect(page).toHaveURL(`/courses/${course.slug}/${lesson2.slug}/quiz`);
	await expect(page.getByText('3 hoạt động đang chờ đồng bộ.')).toBeVisible();
	await expect(page.getByText('Chưa đồng bộ lần nào.')).toBeVisible();

	// A page that was never saved says so plainly instead of a browser error.
	await page.goto('/how-we-count');
	await expect(page.getByRole('heading', { name: 'Bạn đang ngoại tuyến' })).toBeVisible();
	await page.goBack();

	const everything = await outbox(page);
	// Each view of a lesson or its quiz queues an opening too (the server checks reading time against
	// it); the learner is told only of the lessons and quizzes done.
	const opened = everything.filter((e) => e.type === 'lesson_opened');
	expect(new Set(opened.map((e) => e.lesson))).toEqual(new Set([lesson1.slug, lesson2.slug]));
	const queued = everything.filter((e) => e.type !== 'lesson_opened');
	expect(queued.map((e) => e.type)).toEqual([
		'lesson_completed',
		'quiz_submitted',
		'lesson_completed'
	]);
	expect(await stored()).toBe(0);
	expect(failed.filter((f) => !f.includes('/how-we-count'))).toEqual([]);

	// Close the page; the queue survives on the device. Reopen, still offline: still waiting.
	await page.close();
	const again = await context.newPage();
	await again.goto(`/courses/${course.slug}`);
	await expect(again.getByText('3 hoạt động đang chờ đồng bộ.')).toBeVisible();
	expect(await stored()).toBe(0);

	// Back online: the outbox is sent, acknowledged and emptied, and the server holds each event once,
	// dated when the learning happened, not when it arrived.
	await context.setOffline(false);
	await expect.poll(stored, { timeout: 20_000 }).toBe(3);
	await expect(again.getByText(/hoạt động đang chờ đồng bộ/)).toHaveCount(0);
	expect(await outbox(again)).toEqual([]);
	const rows = await scalar(
		`SELECT count(*) FROM learning_events WHERE learner_id = ? AND id IN (${everything.map(() => '?').join(',')})
		   AND occurred_at < received_at`,
		[learnerId, ...everything.map((e) => e.id)]
	);
	expect(rows).toBe(everything.length);
	expect(
		await scalar('SELECT count(*) FROM quiz_attempts WHERE learner_id = ? AND passed = 1', [
			learnerId
		])
	).toBe(1);

	// Replaying the same outbox twice changes nothing: every event comes back as a duplicate.
	for (let round = 0; round < 2; round++) {
		const replay = await again.request.post('/api/events', { data: { events: queued } });
		expect(replay.status()).toBe(200);
		const { results } = await replay.json();
		expect(results.map((r: { status: string }) => r.status)).toEqual([
			'duplicate',
			'duplicate',
			'duplicate'
		]);
	}
	expect(await stored()).toBe(3);
	expect(await scalar('SELECT count(*) FROM quiz_attempts WHERE learner_id = ?', [learnerId])).toBe(
		1
	);

	// The learner sees the sync on "My data", with the saved course and its size.
	await again.goto('/me');
	await expect(again.getByText('Mọi hoạt động trên máy này đã được gửi.')).toBeVisible();
	await expect(again.getByText(/Lần đồng bộ gần nhất:/)).toBeVisible();
	await expect(again.getByText(new RegExp(`${course.text.vi.title}: \\d+ KB`))).toBeVisible();
	await shot(again, 'offline-my-data');
});

test('a saved course whose content changed is saved again when the app opens online, and the old copy goes', async ({
	page,
	request
}) => {
	await onboard(page, 'Xã Tam Nông');
	await controlledByWorker(page);
	await page.goto(`/courses/${course.slug}`);
	await page.getByRole('button', { name: 'Lưu để học ngoại tuyến' }).click();
	await expect(page.getByText(/Đã lưu trên máy này/)).toBeVisible({ timeout: 30_000 });
	const current = (
		(await (await request.get('/api/offline')).json()) as {
			courses: { slug: string; version: string }[];
		}
	).courses.find((c) => c.slug === course.slug)!.version;

	// As if the course had been saved from an older version of its content.
	const saved = () =>
		page.evaluate(
			(slug) =>
				new Promise<{ version: string; caches: string[] }>((resolve) => {
					const open = indexedDB.open('an-toan-mang');
					open.onsuccess = () => {
						const get = open.result.transaction('saved').objectStore('saved').get(slug);
						get.onsuccess = async () =>
							resolve({
								version: get.result.version,
								caches: (await caches.keys()).filter((k) => k.startsWith(`course-${slug}-`))
							});
					};
				}),
			course.slug
		);
	const before = await saved();
	expect(before).toMatchObject({ version: current });
	expect(before.caches).toHaveLength(1);
	await page.evaluate(
		(slug) =>
			new Promise<void>((resolve) => {
				const open = indexedDB.open('an-toan-mang');
				open.onsuccess = () => {
					const tx = open.result.transaction('saved', 'readwrite');
					const store = tx.objectStore('saved');
					const get = store.get(slug);
					get.onsuccess = () => store.put({ ...get.result, version: '000000000000' });
					tx.oncomplete = () => resolve();
				};
			}),
		course.slug
	);

	await page.reload();
	await expect
		.poll(
			async () => {
				const after = await saved();
				return (
					after.version === current &&
					after.caches.length === 1 &&
					after.caches[0] !== before.caches[0]
				);
			},
			{ timeout: 30_000 }
		)
		.toBe(true);
});
