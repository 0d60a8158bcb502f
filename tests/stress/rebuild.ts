/**
 * A change of the definition of reach, on the built app: rollups stored under an older definition are
 * rebuilt in the background after start-up. The server listens and answers while it runs (health,
 * lessons, and a dashboard that says the figures are being recomputed instead of showing partial ones),
 * and once it is done the figures are those of before and equal a recomputation from raw events.
 */
import { run } from '../process.ts';
import { generateProvince } from '../province.ts';
import {
	adminPassword,
	adminUsername,
	fmt,
	freshDatabase,
	lessons,
	openClient,
	origin,
	requireBuild,
	scalar,
	startServer
} from './harness.ts';
import { signIn } from './harness-people.ts';

export async function rebuildTest(short: boolean): Promise<void> {
	requireBuild();
	// Enough learners for the rebuild to take many chunks of the server's background step.
	const learners = Number(process.env.STRESS_REBUILD_LEARNERS ?? (short ? 20_000 : 200_000));
	const url = freshDatabase('rebuild');
	const db = await openClient(url);
	const problems: string[] = [];
	try {
		await generateProvince(db, learners, learners * 5);
		run('npm', ['run', '-s', 'reach:rebuild'], { DATABASE_URL: url });
		const figures = () =>
			run('npm', ['run', '-s', 'reach:figures', '--', '--json'], { DATABASE_URL: url });
		const before = figures();
		let server = await startServer(url);
		const admin = await signIn(adminUsername, adminPassword);
		await server.stop();

		// The stored rollups now follow an older definition than this build's.
		await db.execute('UPDATE rollup_state SET definition_version = definition_version - 1');
		const started = Date.now();
		server = await startServer(url);
		const listening = Date.now() - started;
		const rebuilding = async () =>
			(await scalar(db, 'SELECT rebuild_version IS NOT NULL FROM rollup_state WHERE id = 1')) === 1;
		let answeredDuring = 0;
		let noticeShown = false;
		const lesson = `${origin}/courses/${lessons[0]!.course}/${lessons[0]!.lesson}`;
		for (const deadline = Date.now() + 600_000; await rebuilding();) {
			if (Date.now() > deadline) throw new Error('the rebuild did not finish in 10 minutes');
			const health = await fetch(`${origin}/healthz`);
			const page = await fetch(lesson, { redirect: 'manual' });
			const dashboard = await fetch(`${origin}/dashboard`, { headers: { cookie: admin } });
			const html = await dashboard.text();
			// Counted only when the rebuild was still running after the answers came.
			if (!(await rebuilding())) break;
			if (health.status === 200 && page.status < 500 && dashboard.status === 200) answeredDuring++;
			if (html.includes('Các con số đang được tính lại')) noticeShown = true;
			if (html.includes('id="province-heading"')) {
				problems.push('the dashboard showed figures while the rollups were rebuilt');
			}
		}
		const rebuilt = Date.now() - started;
		const after = figures();
		console.log(
			`rebuild: ${fmt(learners)} learners, ${fmt(learners * 5)} events; server listening ${fmt(listening)} ms after start, ` +
				`rollups rebuilt in the background in ${fmt(rebuilt)} ms; ${answeredDuring} rounds of health, lesson and dashboard answered meanwhile`
		);
		if (!answeredDuring) problems.push('no request was answered while the rollups were rebuilt');
		if (!noticeShown) problems.push('the dashboard did not say the figures were being recomputed');
		if (after !== before) problems.push(`the figures changed:\nbefore ${before}\nafter  ${after}`);
		run('npm', ['run', '-s', 'reach:verify'], { DATABASE_URL: url });
		await server.stop();
	} finally {
		db.close();
	}
	if (problems.length) throw new Error(`rebuild test failed:\n${problems.join('\n')}`);
}
