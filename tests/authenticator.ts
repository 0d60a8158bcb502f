/**
 * The test suites' authenticator app. Admins and analysts must sign in with two-step verification, so
 * every helper that signs staff in enrols them through the app's own pages the first time (as a person
 * does: start, read the secret shown in groups of 4, type a code, keep the recovery codes), and keeps the
 * secret here to make their codes later. Kept per account in a file per site,
 * tests/.tmp/authenticators/<host>_<port>.json, so that a restarted test worker, or a benchmark reusing
 * its database, still has it, and two test workers on two sites never write the same file.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';

interface Entry {
	secret: string;
	/** The last time step a code was made for: the server accepts each step once. */
	lastStep: number;
	recoveryCodes: string[];
}

const fileOf = (origin: string) =>
	`tests/.tmp/authenticators/${new URL(origin).host.replace(/[^a-z0-9.-]/gi, '_')}.json`;
const stepMs = 30_000;
export const stepNow = () => Math.floor(Date.now() / stepMs);
const keyOf = (origin: string, username: string) => `${origin} ${username.toLowerCase()}`;

function entries(origin: string): Record<string, Entry> {
	try {
		return JSON.parse(readFileSync(fileOf(origin), 'utf8')) as Record<string, Entry>;
	} catch {
		return {};
	}
}

function save(origin: string, key: string, entry: Entry | undefined): void {
	const file = fileOf(origin);
	const all = entries(origin);
	if (entry) all[key] = entry;
	else delete all[key];
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, JSON.stringify(all, null, 1));
}

/** The 6-digit code of a secret (as shown: base32, spaces allowed) for a time step. */
export function codeAt(secret: string, step: number): string {
	return generateHOTP(decodeBase32IgnorePadding(secret.replace(/\s/g, '')), BigInt(step), 6);
}

export function remember(
	origin: string,
	username: string,
	secret: string,
	recoveryCodes: string[],
	lastStep: number
): void {
	save(origin, keyOf(origin, username), { secret, recoveryCodes, lastStep });
}

export function forget(origin: string, username: string): void {
	save(origin, keyOf(origin, username), undefined);
}

export function secretOf(origin: string, username: string): string | undefined {
	return entries(origin)[keyOf(origin, username)]?.secret;
}

/**
 * A code the server has not seen yet for the account: of the current step, or of the next one (it
 * accepts one step either side), or, when both are spent, of the next step after waiting for it.
 * `onWait` hears how long first (a Playwright test lengthens its timeout by as much).
 */
export async function nextCode(
	origin: string,
	username: string,
	onWait: (ms: number) => void = () => {}
): Promise<string> {
	const key = keyOf(origin, username);
	const entry = entries(origin)[key];
	if (!entry) {
		throw new Error(
			`${username} has two-step verification on ${origin}, but no secret is kept for it in ${fileOf(origin)}: ` +
				'start from a fresh database, or have an admin reset it'
		);
	}
	const step = Math.max(entry.lastStep + 1, stepNow());
	save(origin, key, { ...entry, lastStep: step });
	const waitMs = (step - 1) * stepMs - Date.now();
	if (waitMs > 0) {
		onWait(waitMs);
		await new Promise((resolve) => setTimeout(resolve, waitMs + 50));
	}
	return codeAt(entry.secret, step);
}

/** One of the account's recovery codes, taken off the list: each works once. */
export function takeRecoveryCode(origin: string, username: string): string {
	const key = keyOf(origin, username);
	const entry = entries(origin)[key];
	const code = entry?.recoveryCodes[0];
	if (!entry || !code) throw new Error(`no recovery code left for ${username} on ${origin}`);
	save(origin, key, { ...entry, recoveryCodes: entry.recoveryCodes.slice(1) });
	return code;
}

/** The secret in groups of 4 on the enrolment page (`#totp-secret`). */
export function secretOnPage(html: string): string {
	const secret = /id="totp-secret"[^>]*>([A-Z2-7 ]+)</.exec(html)?.[1];
	if (!secret) throw new Error('no secret on the enrolment page');
	return secret;
}

/** The recovery codes the page shows once after enrolment. */
export function recoveryCodesOnPage(html: string): string[] {
	return [...html.matchAll(/<code>([a-z2-7]{4}(?:-[a-z2-7]{4}){3})<\/code>/g)].map((m) => m[1]!);
}

/** What a sign-in helper needs of its HTTP client: form posts without following redirects, and pages. */
export interface FormClient {
	post(
		path: string,
		form: Record<string, string>
	): Promise<{ status: number; location: string; text: string }>;
	get(path: string): Promise<string>;
}

/** Enrols the signed-in account through /account/two-factor, and keeps its secret and codes. */
export async function enrol(client: FormClient, origin: string, username: string): Promise<void> {
	const started = await client.post('/account/two-factor?/start', {});
	if (started.status !== 200 && started.status !== 303)
		throw new Error(`starting the enrolment of ${username}: ${started.status}`);
	const secret = secretOnPage(await client.get('/account/two-factor'));
	const step = stepNow();
	remember(origin, username, secret, [], step);
	const confirmed = await client.post('/account/two-factor?/confirm', {
		code: codeAt(secret, step)
	});
	const codes = recoveryCodesOnPage(confirmed.text);
	if (confirmed.status !== 200 || codes.length !== 10)
		throw new Error(`confirming the enrolment of ${username}: ${confirmed.status}`);
	remember(origin, username, secret, codes, step);
}

/**
 * Finishes a sign-in whose password step answered with `location`: the code step, or enrolment when
 * the app sends an admin or analyst to it. Where the app sends the person in the end.
 */
export async function afterPassword(
	client: FormClient,
	origin: string,
	username: string,
	location: string,
	onWait?: (ms: number) => void
): Promise<string> {
	if (location === '/account/signin/code') {
		const answer = await client.post('/account/signin/code?/code', {
			code: await nextCode(origin, username, onWait)
		});
		if (answer.status !== 303) throw new Error(`the code of ${username}: ${answer.status}`);
		return answer.location;
	}
	if (location === '/account/two-factor') await enrol(client, origin, username);
	return location;
}
