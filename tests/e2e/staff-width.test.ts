import { expect, test, type Browser } from '@playwright/test';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeIdentities, type Identities, type Identity } from './identities';
import { overflowing } from './overflow';

/** Every staff page, found in src/routes: a page added later is in this test, or the test fails. */
function staffRoutes(dir = 'src/routes', route = ''): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return staffRoutes(path, `${route}/${name}`);
		const staff = /^\/(admin|organize|dashboard)(\/|$)/.test(route);
		return name === '+page.svelte' && staff ? [route] : [];
	});
}

type Visit = [who: Identity, url: string];

/** The addresses each route is seen at, and by whom: every view and period of the dashboard. */
function visits(ids: Identities): Record<string, Visit[]> {
	const campaign = `/organize/campaigns/${ids.campaignA}`;
	const dashboard = ['units', 'districts'].flatMap((view) =>
		['month', 'quarter', 'year'].map((period): Visit => [
			'analyst',
			`/dashboard?view=${view}&period=${period}`
		])
	);
	return {
		'/admin': [['admin', '/admin']],
		'/admin/audit': [['admin', '/admin/audit']],
		'/admin/invites': [['admin', '/admin/invites']],
		'/admin/organizations': [['admin', '/admin/organizations']],
		'/admin/organizations/[id]': [['admin', `/admin/organizations/${ids.orgA}`]],
		'/admin/regions': [['admin', '/admin/regions']],
		'/admin/users': [['admin', '/admin/users']],
		'/organize': [['organizerA', '/organize']],
		'/organize/campaigns/new': [['organizerA', '/organize/campaigns/new']],
		'/organize/campaigns/[id]': [['organizerA', campaign]],
		'/organize/campaigns/[id]/edit': [['organizerA', `${campaign}/edit`]],
		'/organize/campaigns/[id]/poster': [['organizerA', `${campaign}/poster`]],
		'/organize/sessions/new': [['organizerA', '/organize/sessions/new']],
		'/organize/sessions/[id]': [['organizerA', `/organize/sessions/${ids.sessionA}`]],
		'/dashboard': [...dashboard, ['admin', '/dashboard']],
		'/dashboard/baselines': [['admin', '/dashboard/baselines']],
		'/dashboard/held': [['analyst', '/dashboard/held']],
		'/dashboard/periods': [['analyst', '/dashboard/periods']],
		'/dashboard/report': [
			['analyst', '/dashboard/report'],
			['analyst', '/dashboard/report?area=district:876']
		]
	};
}

/** Visits pages at 360 × 740 as one person; returns what reaches past the screen on each. */
async function overflowsOf(browser: Browser, ids: Identities, who: Identity, urls: string[]) {
	const context = await browser.newContext({
		storageState: await ids.contexts[who].storageState(),
		viewport: { width: 360, height: 740 },
		isMobile: true,
		hasTouch: true
	});
	const page = await context.newPage();
	const found: string[] = [];
	for (const url of urls) {
		const response = await page.goto(url);
		expect(response?.status(), url).toBe(200);
		for (const what of await overflowing(page)) found.push(`${url}: ${what}`);
	}
	await context.close();
	return found;
}

let ids: Identities;

test.beforeAll(async ({ baseURL }) => {
	test.setTimeout(120_000);
	ids = await makeIdentities(baseURL!, `width-${Date.now()}`);
});

test('every staff page is visited by this test', () => {
	const listed = Object.keys(visits(ids));
	expect(staffRoutes().sort()).toEqual(listed.sort());
});

for (const who of ['admin', 'analyst', 'organizerA'] as const) {
	test(`no staff page is wider than a 360 px phone, signed in as ${who}`, async ({ browser }) => {
		test.setTimeout(120_000);
		const urls = Object.values(visits(ids))
			.flat()
			.filter(([role]) => role === who)
			.map(([, url]) => url);
		expect(urls.length).toBeGreaterThan(0);
		expect(await overflowsOf(browser, ids, who, urls)).toEqual([]);
	});
}
