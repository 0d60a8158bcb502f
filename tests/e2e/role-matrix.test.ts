import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeIdentities, postForm, type Identities } from './identities';
import { publicRoutes, type Row } from './role-matrix-public';
import { staffRoutes } from './role-matrix-staff';

/**
 * Every route of the app, as each kind of person. 303 = sent to sign in (or to /start for learning
 * pages without a district), 403 = refused, 400 = allowed through but the (empty) input is refused.
 */
const matrix: Row[] = [...publicRoutes, ...staffRoutes];

/** Route ids from src/routes: a new page or endpoint fails this test until it is added to the matrix. */
function routeIds(dir = 'src/routes', prefix = ''): string[] {
	const here = readdirSync(dir).some((f) => /^\+(page|server)\./.test(f)) ? [prefix || '/'] : [];
	return here.concat(
		readdirSync(dir)
			.filter((f) => statSync(join(dir, f)).isDirectory())
			.flatMap((f) => routeIds(join(dir, f), /^\(.*\)$/.test(f) ? prefix : `${prefix}/${f}`))
	);
}

let identities: Identities;
test.beforeAll(async ({ baseURL }) => {
	// A fresh tag per worker: a retried worker builds its identities again without name clashes.
	identities = await makeIdentities(baseURL!, `matrix-${Date.now().toString(36)}`);
});

test('the role matrix names every route of the app', () => {
	const covered = new Set(matrix.map((r) => r.route));
	expect(routeIds().filter((id) => !covered.has(id))).toEqual([]);
});

for (const who of [
	'anonymous',
	'learner',
	'organizerA',
	'organizerB',
	'analyst',
	'admin'
] as const) {
	test(`role matrix as ${who}`, async ({ baseURL }) => {
		const ctx = identities.contexts[who];
		const seen: string[] = [];
		const wanted: string[] = [];
		for (const r of matrix) {
			const path = r.path
				.replace(':orgA', identities.orgA)
				.replace(':orgB', identities.orgB)
				.replace(':campaignA', identities.campaignA)
				.replace(':sessionA', identities.sessionA);
			const response =
				r.method === 'GET'
					? await ctx.get(path, { maxRedirects: 0 })
					: r.json
						? await ctx.post(path, { data: r.json, headers: { origin: baseURL! }, maxRedirects: 0 })
						: await postForm(ctx, baseURL!, path, r.form ?? {});
			seen.push(`${r.method} ${r.path} → ${response.status()}`);
			wanted.push(`${r.method} ${r.path} → ${r.expect[who]}`);
		}
		expect(seen).toEqual(wanted);
	});
}
