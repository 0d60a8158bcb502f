/**
 * The baselines test's own server: the built app on a database with today's 102 communes and wards,
 * started and stopped by the test (the shared e2e server has the 2022 districts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { createClient, type Client } from '@libsql/client';
import { expect, request, type APIRequestContext, type Page } from '@playwright/test';
import { buildCatalogue } from '../../src/lib/server/content/catalogue.ts';
import { readContentDir } from '../../src/lib/server/content/read-dir.ts';
import { run, serverEnv } from '../process.ts';
import { secondStep, signInOnPage } from './two-factor-steps';
import { joinedBefore, readingOf, yesterday } from './support';

export const port = 4918;
export const origin = `http://127.0.0.1:${port}`;
const path = 'tests/.tmp/baselines.db';
export const databaseUrl = `file:${path}`;
export const admin = {
	username: 'baselines-admin',
	password: 'baselines admin password, test only'
};

export const communes = (
	JSON.parse(readFileSync('content/regions/dong-thap-2026.json', 'utf8')) as {
		units: { code: string; name: string; nameEn: string }[];
	}
).units;

let client: Client | undefined;
/** A number the database answers, e.g. a count of rows. */
export const count = async (sql: string, args: (string | number)[] = []) =>
	Number((await client!.execute({ sql, args })).rows[0]?.[0]);
/** The area key of the i-th commune or ward of the set. */
export const key = (i: number) => `dong-thap-2026:${communes[i]!.code}`;

/** Seeds a fresh database by the documented commands and starts `node build` on it. */
export async function startServer(): Promise<{ db: Client; stop: () => Promise<void> }> {
	mkdirSync('tests/.tmp', { recursive: true });
	for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
	const env = { DATABASE_URL: databaseUrl };
	run('npm', ['run', '-s', 'db:seed', '--', 'content/regions/dong-thap-2026.json'], env);
	run('npm', ['run', '-s', 'admin:create', '--', admin.username], env, `${admin.password}\n`);
	const child: ChildProcess = spawn('node', ['build'], {
		env: serverEnv(databaseUrl, port),
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let errors = '';
	child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no server in 60 s: ${errors}`)), 60_000);
		child.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('Listening')) {
				clearTimeout(timer);
				resolve();
			}
		});
		void exited.then(() => reject(new Error(`the server exited: ${errors}`)));
	});
	client = createClient({ url: databaseUrl });
	// Beside the server's writes: wait for them rather than fail busy.
	await client.execute('PRAGMA busy_timeout = 10000');
	return {
		db: client,
		stop: async () => {
			client?.close();
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await exited;
		}
	};
}

/**
 * A baselines file as Excel in vi-VN saves it: a BOM, `;` between cells, CRLF, counts written
 * 1.250; `change` edits row i (0-based; the file's line i + 2).
 */
export function viFile(change: (cells: string[], i: number) => string[] = (c) => c): string {
	const header = 'Mã địa bàn;Tên địa bàn;Số người dùng Internet ước tính;Năm số liệu;Nguồn số liệu';
	const lines = communes.map((u, i) =>
		change(
			[u.code, u.name, figure(i).toLocaleString('vi-VN'), '2025', 'Ước tính của Sở KH&CN năm 2025'],
			i
		).join(';')
	);
	return '\uFEFF' + [header, ...lines].join('\r\n') + '\r\n';
}
export const figure = (i: number) => 1_200 + i * 150;

export async function upload(page: Page, text: string, name = 'so-lieu.csv') {
	await page.locator('#file').setInputFiles({
		name,
		mimeType: 'text/csv',
		buffer: Buffer.from(text)
	});
	await page.locator('form[action="?/upload"] button[type="submit"]').click();
}

/** No element reaches past the viewport, except inside a box that scrolls on its own. */
export async function expectNothingWider(page: Page, where: string) {
	const wide = await page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const scrolls = (el: Element | null): boolean =>
			!!el && (getComputedStyle(el).overflowX !== 'visible' || scrolls(el.parentElement));
		return [...document.querySelectorAll('body *')]
			.filter((el) => el.getBoundingClientRect().right > width + 1 && !scrolls(el.parentElement))
			.map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
			.concat(document.documentElement.scrollWidth > width ? ['the page scrolls sideways'] : []);
	});
	expect(wide, where).toEqual([]);
}

export const sizes = [
	[360, 740],
	[390, 844],
	[1366, 900]
] as const;

/** Screenshots of one state in both languages at the three sizes; `show` brings the page to it. */
export async function screenshots(page: Page, state: string, show: () => Promise<void>) {
	for (const locale of ['vi', 'en']) {
		await page.context().addCookies([{ name: 'lang', value: locale, url: origin }]);
		for (const [width, height] of sizes) {
			await page.setViewportSize({ width, height });
			await show();
			await expectNothingWider(page, `${state}, ${locale}, ${width}×${height}`);
			const file = `test-results/screenshots/baselines-${state}-${locale}-${width}x${height}.png`;
			await page.screenshot({ path: file, fullPage: true, scale: 'css' });
		}
	}
	await page.context().addCookies([{ name: 'lang', value: 'vi', url: origin }]);
	await page.setViewportSize({ width: 390, height: 844 });
	await show();
}

/** One more screenshot, at the size the page is: for the states between the three above. */
export const shot = (page: Page, name: string) =>
	page.screenshot({
		path: `test-results/screenshots/baselines-${name}.png`,
		fullPage: true,
		scale: 'css'
	});

/** Posts a form the way a browser without JavaScript does. */
export function postForm(ctx: APIRequestContext, url: string, form: Record<string, string>) {
	return ctx.post(url, { form, headers: { origin, accept: 'text/html' }, maxRedirects: 0 });
}

export async function signIn(page: Page) {
	await signInOnPage(page, admin.username, admin.password);
	await expect(page).toHaveURL('/admin');
}

export async function expectNoAxeViolations(page: Page, where: string) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
		.analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`),
		where
	).toEqual([]);
}

// Three bad rows: an unknown code (line 5), a negative number (line 20), a blank source (line 40).
export const badFile = viFile((cells, i) =>
	i === 3
		? ['99999', ...cells.slice(1)]
		: i === 18
			? [...cells.slice(0, 2), '-1.200', ...cells.slice(3)]
			: i === 38
				? [...cells.slice(0, 4), '']
				: cells
);

const course = buildCatalogue(readContentDir('content')).catalogue.courses[0]!;

/** A new resident of `region` completes a lesson, through the event API as the outbox sends it. */
export async function learnALesson(region: string) {
	const resident = await request.newContext({ baseURL: origin });
	expect((await postForm(resident, '/start', { region, next: '/' })).status()).toBe(303);
	// Learned yesterday (the dashboard counts to the last complete day), so they joined before that.
	const at = yesterday();
	await joinedBefore(client!, resident, at);
	// Opened a moment before it is finished, as the lesson page records it (no opening: held).
	const events = readingOf(course.slug, course.lessons[0]!.slug, at);
	expect((await resident.post('/api/events', { data: { events } })).status()).toBe(200);
	await resident.dispose();
}

/** The cells of the dashboard's row for an area, by its exact name. */
export const rowCells = (page: Page, name: string) =>
	page
		.getByRole('row')
		.filter({ has: page.getByRole('rowheader', { name, exact: true }) })
		.getByRole('cell');

/** An analyst of a former district, invited by the admin and signed in through the invitation. */
export async function districtAnalyst(scope: string) {
	const byAdmin = await request.newContext({ baseURL: origin });
	const signedIn = await postForm(byAdmin, '/account/signin', admin);
	expect(signedIn.status()).toBe(303);
	await secondStep(byAdmin, origin, admin.username, signedIn.headers().location!);
	const invite = await byAdmin.post('/admin/invites?/analyst', {
		form: { scope },
		headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	const token = /\/invite\/([a-z2-7]+)/.exec(await invite.text())![1];
	const staff = await request.newContext({ baseURL: origin });
	const password = 'district analyst password';
	const username = `analyst-${scope.replace(':', '-')}`;
	const created = await postForm(staff, `/invite/${token}?/create`, {
		username,
		password,
		confirm: password
	});
	expect(created.status()).toBe(303);
	await secondStep(staff, origin, username, created.headers().location!);
	await byAdmin.dispose();
	return staff;
}
