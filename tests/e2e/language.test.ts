import { expect, test } from '@playwright/test';
import { firstCourse, onboard, shot } from './support';

const lesson = firstCourse.lessons[0]!;
const lessonPath = `/courses/${firstCourse.slug}/${lesson.slug}`;

test('switching language keeps the person on the same page, and / remembers the choice', async ({
	page
}) => {
	await onboard(page, 'Xã Thường Phước');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page).toHaveURL('/en');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Stay safe online, a few minutes a day'
	);
	await expect(page.getByText('You are learning in Thường Phước Commune')).toBeVisible();
	await shot(page, 'home-en');

	await page.getByRole('link', { name: firstCourse.text.en.title }).click();
	await expect(page).toHaveURL(`/en/courses/${firstCourse.slug}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(firstCourse.text.en.title);
	await page.getByRole('link', { name: lesson.text.en.title }).click();
	await expect(page).toHaveURL(`/en${lessonPath}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.text.en.title);
	await expect(page.getByRole('button', { name: "I've read it, take the quiz" })).toBeVisible();
	await shot(page, 'lesson-en');

	// The address keeps the choice for / : an old bookmark of the home page opens in English.
	await page.goto('/');
	await expect(page).toHaveURL('/en');

	await page.goto(`/en${lessonPath}`);
	await page.getByRole('button', { name: 'Tiếng Việt' }).click();
	await expect(page).toHaveURL(lessonPath);
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.text.vi.title);
	await page.goto('/');
	await expect(page).toHaveURL('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});

test('the address names the language, whatever language the cookie chose', async ({
	browser,
	baseURL
}) => {
	const as = async (lang: 'vi' | 'en') => {
		const context = await browser.newContext();
		await context.addCookies([{ name: 'lang', value: lang, url: baseURL! }]);
		return context;
	};
	const english = await as('en');
	const vietnamesePage = await english.newPage();
	await vietnamesePage.goto(`/courses/${firstCourse.slug}`);
	await expect(vietnamesePage.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(vietnamesePage.getByRole('heading', { level: 1 })).toHaveText(
		firstCourse.text.vi.title
	);
	const home = await english.request.get('/', { maxRedirects: 0 });
	expect(home.status()).toBe(302);
	expect(home.headers()).toMatchObject({ location: '/en', vary: 'Cookie' });
	await english.close();

	const vietnamese = await as('vi');
	const englishPage = await vietnamese.newPage();
	await englishPage.goto(`/en/courses/${firstCourse.slug}`);
	await expect(englishPage.locator('html')).toHaveAttribute('lang', 'en');
	await expect(englishPage.getByRole('heading', { level: 1 })).toHaveText(
		firstCourse.text.en.title
	);
	const viHome = await vietnamese.request.get('/', { maxRedirects: 0 });
	expect(viHome.status()).toBe(200);
	expect(viHome.headers().vary).toContain('Cookie');
	await vietnamese.close();
});

test('an English address of a staff area is guarded and kept private like the bare one', async ({
	request
}) => {
	const admin = await request.get('/en/admin', { maxRedirects: 0 });
	expect(admin.status()).toBe(303);
	expect(admin.headers().location).toMatch(/^\/account\/signin\?next=/);
	const signIn = await request.get('/en/account/signin');
	expect(signIn.status()).toBe(200);
	expect(signIn.headers()['cache-control']).toBe('private, no-store');
	const events = await request.post('/en/api/events', { data: { events: [] } });
	expect(events.status()).toBe(401);
});
