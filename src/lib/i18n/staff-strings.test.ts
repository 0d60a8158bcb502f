import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import enStaff from './locales/en.staff.json';
import vi from './locales/vi.json';
import viStaff from './locales/vi.staff.json';
import { isStaffPath } from './load';

const staffNamespaces = Object.keys(viStaff);

/** The components (and other `$lib` modules) a file imports, followed to the end. */
function tree(file: string, seen = new Set<string>()): Set<string> {
	if (seen.has(file)) return seen;
	seen.add(file);
	const text = readFileSync(file, 'utf8');
	for (const [, spec] of text.matchAll(/from '((?:\$lib|\.{1,2})\/[^']+)'/g)) {
		const base = spec!.startsWith('$lib')
			? resolve('src/lib', spec!.slice(5))
			: resolve(dirname(file), spec!);
		const path = [base, `${base}.ts`, join(base, 'index.ts')].find(
			(p) => existsSync(p) && statSync(p).isFile()
		);
		if (path && /\.(svelte|ts)$/.test(path) && !path.includes('/server/')) tree(path, seen);
	}
	return seen;
}

/** Every route's page, layout and error component, with the route id it draws. */
function routeComponents(dir = 'src/routes'): { id: string; file: string }[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return routeComponents(path);
		if (!/^\+(page|layout|error)\.svelte$/.test(name)) return [];
		const id = `/${relative('src/routes', dir)}`.replace(/\/$/, '') || '/';
		return [{ id: id.replace(/\/\([^)]+\)/g, ''), file: path }];
	});
}

describe('staff strings file', () => {
	it('holds namespaces the resident file does not, the same in both languages', () => {
		expect(Object.keys(enStaff).sort()).toEqual([...staffNamespaces].sort());
		expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
		expect(staffNamespaces.filter((ns) => ns in vi)).toEqual([]);
		expect(staffNamespaces.length).toBeGreaterThan(5);
	});

	it('is never needed by a page a resident sees (they load only the resident file)', () => {
		const resident = routeComponents().filter((r) => !isStaffPath(r.id));
		expect(resident.map((r) => r.id)).toContain('/courses/[course]/[lesson]');
		const pattern = new RegExp(`['"\`](${staffNamespaces.join('|')})\\.[a-zA-Z]`, 'g');
		const uses: string[] = [];
		for (const { file } of resident)
			for (const module of tree(resolve(file)))
				for (const [literal] of readFileSync(module, 'utf8').matchAll(pattern))
					uses.push(`${relative('.', module)}: ${literal}`);
		expect(uses).toEqual([]);
	});

	it('is loaded on the signed-in areas only', () => {
		for (const id of ['/dashboard', '/dashboard/report', '/admin/users', '/organize', '/account'])
			expect(isStaffPath(id), id).toBe(true);
		for (const id of ['/', '/courses/[course]/[lesson]', '/join/[code]', '/me', '/start', null])
			expect(isStaffPath(id), String(id)).toBe(false);
	});
});
