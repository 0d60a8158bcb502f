import { createClient, type Client } from '@libsql/client';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { test, type BrowserContext, type Page } from '@playwright/test';
import { interiorPoint, type Ring } from '../../src/lib/places/interior-point.test-helper.ts';
import { run } from '../process.ts';
import { startApp, type App } from '../remote/app.ts';
import { learnerIdOf } from './support.ts';

// A second built server on today's 102 communes and wards: the suite's own server keeps the default
// district set, which the other tests choose from.
// Beside the suite's own server, on a port that follows E2E_PORT (helpers on one machine do not collide).
const port = Number(process.env.E2E_PORT ?? 4317) + 4;
export const origin = `http://127.0.0.1:${port}`;
const file = 'tests/.tmp/picker.db';
let db: Client;
let app: App;

/** Starts the server before the calling file's tests and stops it after them. */
export function usePickerServer(): void {
	test.use({ baseURL: origin });
	test.beforeAll(async () => {
		test.setTimeout(90_000);
		mkdirSync('tests/.tmp', { recursive: true });
		for (const end of ['', '-wal', '-shm']) rmSync(`${file}${end}`, { force: true });
		run('npm', ['run', 'db:seed', '--', 'content/regions/dong-thap-2026.json'], {
			DATABASE_URL: `file:${file}`
		});
		app = await startApp(`file:${file}`, port);
		db = createClient({ url: `file:${file}` });
	});
	test.afterAll(async () => {
		db?.close();
		await app?.stop();
	});
}

const boundaries = JSON.parse(readFileSync('content/regions/dong-thap-2026.geojson', 'utf8')) as {
	features: { properties: { code: string }; geometry: { coordinates: Ring[] } }[];
};

/** A point inside Phường Mỹ Tho, computed from its boundary. */
export const [longitude, latitude] = interiorPoint(
	boundaries.features.find((f) => f.properties.code === '28261')!.geometry.coordinates
);

/** The search box, once the page runs: the server-rendered select has the combobox role too. */
export const combobox = (page: Page, name = 'Bạn sống ở đâu?') =>
	page.getByRole('combobox', { name }).and(page.locator('input'));

/** The region of the learner this browser context is, from the server's database. */
export async function regionOfLearner(context: BrowserContext): Promise<string | undefined> {
	const cookie = (await context.cookies()).find((c) => c.name === 'learner');
	if (!cookie) return undefined;
	const row = await db.execute({
		sql: 'SELECT region_id FROM learners WHERE id = ?',
		args: [await learnerIdOf(cookie.value)]
	});
	return row.rows[0]?.region_id as string | undefined;
}
