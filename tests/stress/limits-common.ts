/** What the limit probes share: the server's tiny limits, the check, and requests they send. */
import type { LimitName } from '../../src/lib/server/limits.ts';
import { origin, type openClient } from './harness.ts';
import { postForm } from './harness-people.ts';

/** Each probe's limit is the smallest: the limit it probes is the one that answers. */
export const tiny = {
	signInPerAccount: [2, 3600],
	signInPerAddress: [4, 3600],
	signUpPerAddress: [2, 3600],
	secondFactorPerAccount: [2, 3600],
	joinMissesPerAddress: [2, 3600],
	checkinsPerAddress: [2, 3600],
	eventsPerLearner: [2, 3600],
	eventsPerAddress: [4, 3600],
	newLearnersPerUnitDay: [2, 86_400],
	unheldLearnersPerAddress: [6, 3600],
	learnersPerAddress: [12, 3600],
	placeChangesPerLearner: [2, 3600]
} as const satisfies Record<LimitName, readonly [number, number]>;

export type Check = (ok: boolean, what: string) => void;
export type Probe = (check: Check, db: Awaited<ReturnType<typeof openClient>>) => Promise<void>;
export const english = 'lang=en';
const waitMinutes = /Vui lòng đợi (\d+) phút|Please wait (\d+) minutes/;

export function minutesIn(text: string): number {
	const m = waitMinutes.exec(text);
	return Number(m?.[1] ?? m?.[2] ?? 0);
}

export const signIn = (username: string, password: string, cookie = '') =>
	postForm('/account/signin', { username, password }, cookie);

export const post = (cookie: string, events: unknown[]) =>
	fetch(`${origin}/api/events`, {
		method: 'POST',
		body: JSON.stringify({ events }),
		headers: { origin, cookie, 'content-type': 'application/json' }
	});
