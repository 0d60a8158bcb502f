import { expect, test, type Page } from '@playwright/test';
import { firstCourse as course, onboard } from './support';

const lesson = course.lessons[0]!;

/** The paths each Cache Storage cache of the device holds. */
function cachedPaths(page: Page): Promise<Record<string, string[]>> {
	return page.evaluate(async () => {
		const all: Record<string, string[]> = {};
		for (const name of await caches.keys()) {
			const keys = await (await caches.open(name)).keys();
			all[name] = keys.map((r) => new URL(r.url).pathname);
		}
		return all;
	});
}

/** The page cache's entries in workbox-expiration's record of when each was last used. */
function pageUseRecords(page: Page): Promise<number> {
	return page.evaluate(async () => {
		if (!(await indexedDB.databases()).some((d) => d.name === 'workbox-expiration')) return 0;
		return new Promise<number>((resolve, reject) => {
			const open = indexedDB.open('workbox-expiration');
			open.onerror = () => reject(open.error);
			open.onsuccess = () => {
				const all = open.result.transaction('cache-entries').objectStore('cache-entries').getAll();
				all.onsuccess = () =>
					resolve(all.result.filter((e: { cacheName: string }) => e.cacheName === 'pages').length);
				all.onerror = () => reject(all.error);
			};
		});
	});
}

async function controlledByWorker(page: Page): Promise<void> {
	await page.waitForFunction(
		async () => (await navigator.serviceWorker.ready).active?.state === 'activated'
	);
	await page.reload();
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('learner pages are kept, "My data" and staff pages never; no answer in 4 s gets the kept copy; deleting my data forgets them', async ({
	context,
	page
}) => {
	test.setTimeout(90_000);
	await onboard(page, 'Xã Phú Hựu');
	await controlledByWorker(page);
	const coursePath = `/courses/${course.slug}`;
	const lessonPath = `${coursePath}/${lesson.slug}`;
	await page.goto(coursePath);
	await page.goto(lessonPath);
	await page.goto('/me');
	await page.goto('/account/signin');
	await expect
		.poll(async () => (await cachedPaths(page)).pages ?? [], { timeout: 20_000 })
		.toEqual(expect.arrayContaining([coursePath, lessonPath]));
	const everything = Object.values(await cachedPaths(page)).flat();
	expect(everything.filter((p) => p === '/me' || p.startsWith('/account'))).toEqual([]);
	expect(await pageUseRecords(page)).toBeGreaterThan(0);

	// 3G with no answer: the worker's request for the course page is held until the test lets it go.
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	let answered = false;
	await context.route(`**${coursePath}`, async (route) => {
		await held;
		answered = true;
		await route.continue();
	});
	const started = Date.now();
	await page.goto(coursePath);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(course.text.vi.title);
	expect(Date.now() - started).toBeGreaterThanOrEqual(3_500);
	expect(answered).toBe(false);
	release();
	await context.unrouteAll({ behavior: 'ignoreErrors' });

	await page.goto('/me');
	await page.getByLabel('Tôi hiểu và muốn xóa').check();
	await page.getByRole('button', { name: 'Xóa vĩnh viễn' }).click();
	await expect(page.getByText('Đã xóa toàn bộ dữ liệu của bạn.')).toBeVisible();
	expect((await cachedPaths(page)).pages).toBeUndefined();
	expect(await pageUseRecords(page)).toBe(0);
});
