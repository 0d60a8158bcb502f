/**
 * An attacker on one address trying to inflate the reached figure, against the built app with the
 * real limits and the real reading pace (nothing lifted), bounded in time (ATTACK_SECONDS, 60 by
 * default) and in count. Two attackers at once, both from 127.0.0.1:
 * - HTTP: new cookie → /start → a lesson through the event API, with an opening dated minutes before
 *   (the strongest a script can claim: the clock-skew allowance, so the reading pace is met);
 * - a headless browser without JavaScript: /start, the lesson page, its completion form (no opening is
 *   asked of a plain form), a new browser context for each fake person.
 * Then: at most 20 fake people in the official figure (`unheldLearnersPerAddress`), every other one
 * held for review or refused, and official + held = everyone who learned (reach:verify's tiers).
 * Prints the figures that tests/threat-model.md records.
 */
import { chromium } from '@playwright/test';
import { provinceDay } from '../../src/lib/server/dates.ts';
import { heldPeople } from '../../src/lib/server/reach/evidence.ts';
import { runAsync } from '../process.ts';
import {
	districts,
	fmt,
	freshDatabase,
	lessons,
	openClient,
	origin,
	requireBuild,
	scalar,
	startServer
} from '../stress/harness.ts';
import { cookiesOf, postForm } from '../stress/harness-people.ts';
import { drizzle } from 'drizzle-orm/libsql';

const seconds = Number(process.env.ATTACK_SECONDS ?? 60);
/** The most fake people either attacker tries to make (a bound on the run, far above what lands). */
const maxTries = 5_000;
const officialBound = 20;

requireBuild();
const url = freshDatabase('attack');
// The real limits and pace: RATE_LIMITS empty is the defaults, READING_PACE 1 the shipped pace.
const server = await startServer(url, { RATE_LIMITS: '', READING_PACE: '1' });
const db = await openClient(url);
const statuses = new Map<string, number>();
const count = (what: string) => statuses.set(what, (statuses.get(what) ?? 0) + 1);
const until = Date.now() + seconds * 1000;
const lesson = lessons[0]!;

async function httpAttacker(): Promise<number> {
	let made = 0;
	for (let i = 0; i < maxTries && Date.now() < until; i++) {
		const start = await postForm('/start', { region: districts[i % districts.length]!, next: '/' });
		count(`http /start ${start.status}`);
		const token = cookiesOf(start).learner;
		if (start.status !== 303 || !token) {
			// Refused: the script waits as told, as a patient attacker would, within the run's time.
			const wait = Number(start.headers.get('retry-after') ?? 1);
			await new Promise((r) => setTimeout(r, Math.min(wait * 1000, 1000, until - Date.now())));
			continue;
		}
		made++;
		const now = Date.now();
		const event = (type: string, occurredAt: number) => ({
			id: crypto.randomUUID(),
			type,
			course: lesson.course,
			lesson: lesson.lesson,
			occurredAt
		});
		const sent = await fetch(`${origin}/api/events`, {
			method: 'POST',
			headers: { origin, cookie: `learner=${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				events: [event('lesson_opened', now - 9 * 60_000), event('lesson_completed', now)]
			})
		});
		count(`http events ${sent.status}`);
	}
	return made;
}

async function browserAttacker(): Promise<number> {
	const browser = await chromium.launch({
		executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium'
	});
	let made = 0;
	try {
		for (let i = 0; i < maxTries && Date.now() < until; i++) {
			const context = await browser.newContext({ javaScriptEnabled: false, baseURL: origin });
			const page = await context.newPage();
			try {
				await page.goto(`/start?next=/courses/${lesson.course}/${lesson.lesson}`);
				await page.locator('select[name="region"]').selectOption(districts[(i * 7) % 102]!);
				const started = page.waitForResponse((r) => r.request().method() === 'POST');
				await page.getByRole('button', { name: 'Đồng ý và bắt đầu' }).click();
				const answer = await started;
				count(`browser /start ${answer.status()}`);
				if (!(await context.cookies()).some((c) => c.name === 'learner')) continue;
				made++;
				await page.goto(`/courses/${lesson.course}/${lesson.lesson}`);
				const done = page.waitForResponse((r) => r.request().method() === 'POST');
				await page.getByRole('button', { name: 'Tôi đã đọc xong, làm bài kiểm tra' }).click();
				count(`browser completion ${(await done).status()}`);
			} catch (error) {
				count(`browser error ${String(error).split('\n')[0]!.slice(0, 80)}`);
			} finally {
				await context.close();
			}
		}
	} finally {
		await browser.close();
	}
	return made;
}

let failed = false;
try {
	const [http, browser] = await Promise.all([httpAttacker(), browserAttacker()]);
	const figures = JSON.parse(
		// Today's figures (the dashboard's stop at the last complete day: this learning shows tomorrow).
		await runAsync(
			'npm',
			['run', '-s', 'reach:figures', '--', '--json', '--as-of', provinceDay()],
			{
				DATABASE_URL: url
			}
		)
	) as { official: { reached: number }; held: { reached: number } };
	const learned = await scalar(
		db,
		"SELECT count(DISTINCT learner_id) FROM learning_events WHERE type = 'lesson_completed'"
	);
	const exactOfficial = await scalar(
		db,
		"SELECT count(*) FROM reach_firsts WHERE area = 'province' AND dim = 'all' AND kind = 'reached'"
	);
	const held = (await heldPeople(drizzle(db), '9999-12-31')).get('province') ?? 0;
	const learners = await scalar(db, 'SELECT count(*) FROM learners');
	console.log(`attack: ${seconds} s from one address, real limits and reading pace`);
	console.log(`  fake people made: ${fmt(learners)} (HTTP ${fmt(http)}, browser ${fmt(browser)})`);
	for (const [what, n] of [...statuses].sort()) console.log(`  ${what}: ${fmt(n)}`);
	console.log(
		`  learned: ${fmt(learned)}; in the official figure: ${fmt(exactOfficial)} (reach:figures ${figures.official.reached}); held for review: ${fmt(held)} (reach:figures ${figures.held.reached})`
	);
	const checks: [boolean, string][] = [
		[
			exactOfficial <= officialBound,
			`at most ${officialBound} fake people counted (${exactOfficial})`
		],
		[
			exactOfficial + held === learned,
			`every other one is held (${exactOfficial} + ${held} = ${learned})`
		]
	];
	for (const [ok, what] of checks) {
		console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
		failed ||= !ok;
	}
	await runAsync('npm', ['run', '-s', 'reach:verify'], { DATABASE_URL: url });
	console.log('  ok   reach:verify: the rollups and the tiers add up');
} finally {
	db.close();
	await server.stop();
}
if (failed) process.exit(1);
console.log('attack: passed');
