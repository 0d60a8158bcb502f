/** The fuzzer's malformed requests to form actions and pages, drawn from the seeded generator. */
import { origin } from './harness.ts';
import { everyone, type Context, type FormRoute, type Who } from './fuzz-routes-common.ts';
import { getRoutes, lastAdminDemotion, queryValues } from './fuzz-routes.ts';
import { allBad, sqlFragments } from './fuzz-values.ts';
import {
	encode,
	encodeForm,
	hugeBody,
	invalidUtf8Form,
	type Attempt,
	type Body,
	type Rng
} from './fuzz-attempt.ts';

export function formAttempt(
	route: FormRoute,
	c: Context,
	cookies: Record<Who, string>,
	r: Rng
): Attempt {
	const who = r.pick(everyone);
	const harmless = route.alwaysHarmless || (route.harmlessFor?.(c).includes(who) ?? false);
	const forged = route.forgedPaths?.(c) ?? [];
	let mode = r.pick([
		'fields',
		'fields',
		'fields',
		'fields',
		'utf8',
		'huge',
		'ctype',
		'origin',
		'method',
		'forged'
	]);
	if (mode === 'forged' && !forged.length) mode = 'fields';
	if (route.ignoresBody && !harmless && mode !== 'forged' && mode !== 'method') {
		mode = r.pick(['origin', 'ctype']);
		// text/plain and multipart are form types: only a foreign origin or a non-form type stops these.
	}
	if (!route.fields && !harmless && mode === 'fields') mode = 'origin';
	const path = mode === 'forged' ? r.pick(forged) : route.path(c);
	let fields: [string, string][] = route.fields?.(c) ?? [];
	if (route.name.includes('setRole') && r.chance(0.15)) fields = lastAdminDemotion(c);
	else {
		fields = fields.map(([k, v]) => (r.chance(0.25) ? [k, r.pick(allBad)] : [k, v]));
		if (fields.length && r.chance(0.15)) fields.splice(r.int(fields.length), 1);
		if (r.chance(0.15)) {
			fields.push([
				r.pick(['score', 'passed', 'role', 'organizationId', 'learnerId', 'id', '__proto__']),
				r.pick(['100', 'true', 'admin', ...sqlFragments])
			]);
		}
		if (fields.length && r.chance(0.15)) fields.push([r.pick(fields)[0], r.pick(allBad)]);
		const breakers = route.breakers?.(c) ?? {};
		const keys = Object.keys(breakers);
		if (keys.length && (!harmless || r.chance(0.5))) {
			const key = r.pick(keys);
			fields = [[key, r.pick(breakers[key]!)], ...fields.filter(([k]) => k !== key)];
		}
	}
	const headers: Record<string, string> = r.chance(0.8)
		? { origin, accept: 'text/html' }
		: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' };
	if (cookies[who]) headers.cookie = cookies[who];
	let body: Body;
	let type: string | undefined;
	let tooLarge = false;
	let again: (() => Body) | undefined;
	if (mode === 'huge') {
		({ body, type, again } = hugeBody(r));
		tooLarge = !route.ignoresBody;
	} else if (mode === 'utf8') {
		body = invalidUtf8Form(fields, r);
		type = 'application/x-www-form-urlencoded';
	} else if (mode === 'ctype') {
		body = new URLSearchParams(fields).toString();
		type =
			route.ignoresBody && !harmless
				? r.pick(['application/json', 'application/xml'])
				: r.pick(['text/plain', 'application/json', 'application/xml', 'multipart/form-data', '']);
		if (type === 'application/json') body = JSON.stringify(Object.fromEntries(fields));
	} else {
		({ body, type } = encodeForm(fields, r));
		if (mode === 'origin') {
			headers.origin = r.pick(['https://evil.example', 'null', `${origin}.evil.example`]);
			if (!type)
				({ body, type } = {
					body: new URLSearchParams(fields).toString(),
					type: 'application/x-www-form-urlencoded'
				});
		}
	}
	if (type !== undefined) headers['content-type'] = type;
	const method = mode === 'method' ? r.pick(['PUT', 'PATCH', 'DELETE']) : 'POST';
	return { route: route.name, who, mode, method, path, headers, body, tooLarge, again };
}

export function getAttempt(
	route: (typeof getRoutes)[number],
	c: Context,
	cookies: Record<Who, string>,
	r: Rng
): Attempt {
	const who = r.pick(everyone);
	let path = r.pick(route.paths(c));
	const query = (route.query ?? [])
		.filter(() => r.chance(0.6))
		.map((q) => `${q}=${encode(r.pick(queryValues))}`);
	if (r.chance(0.1))
		query.push(`${r.pick(['x', 'page', '__proto__'])}=${r.pick(['%ff', '%', '%E0%A4%A', '-1'])}`);
	if (r.chance(0.1))
		path += r.pick(['%ff', '%', '/%2e%2e/%2e%2e/etc/passwd', '/x'.repeat(200), '%00']);
	if (query.length) path += `${path.includes('?') ? '&' : '?'}${query.join('&')}`;
	const headers: Record<string, string> = {};
	if (cookies[who]) headers.cookie = cookies[who];
	if (r.chance(0.1)) headers['accept-language'] = r.pick(['xx', '*;q=-1', 'vi'.repeat(1000)]);
	return { route: route.name, who, mode: 'get', method: 'GET', path, headers, body: undefined };
}
