/**
 * Load: autocannon against a lesson page and against the batched event endpoint (200 connections by
 * default, loopback only, bounded in time), then the database holds exactly the acknowledged events.
 *
 * Every ingest request carries fresh event ids and a learner cookie taken in turn from a pool of many
 * learners. autocannon cuts the requests still in flight when its time is up; those batches are sent
 * again afterwards, as the offline outbox would (the endpoint is idempotent), so that every event that
 * reached the database has been acknowledged and can be counted.
 */
import autocannon, { type Result } from 'autocannon';
import {
	eventFor,
	fmt,
	freshDatabase,
	lessons,
	openClient,
	origin,
	requireBuild,
	scalar,
	startServer
} from './harness.ts';
import { newLearners } from './harness-people.ts';
import { sendBatch } from '../send.ts';

interface Sent {
	cookie: string;
	body: string;
}

export interface LoadFigures {
	page: Result;
	ingest: Result;
	acknowledged: number;
	stored: number;
	resent: number;
	tooMany: number;
	seconds: number;
	connections: number;
	learners: number;
	batch: number;
}

function line(name: string, r: Result, extra = '') {
	return `${name}: ${fmt(r.requests.average)} requests/s, latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; ${fmt(r['2xx'])} 2xx, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts${extra}`;
}

export async function loadTest(short: boolean): Promise<LoadFigures> {
	requireBuild();
	const seconds = Number(process.env.STRESS_LOAD_SECONDS ?? (short ? 5 : 60));
	const connections = Number(process.env.STRESS_CONNECTIONS ?? 200);
	const learnerCount = Number(process.env.STRESS_LEARNERS ?? (short ? 300 : 2000));
	const batchSize = Number(process.env.STRESS_BATCH ?? 20);
	// Generous: on a shared 2-core machine 200 waiting connections queue for seconds; a request that
	// still has no answer after this long counts as an error.
	const timeout = Number(process.env.STRESS_TIMEOUT_S ?? 120);
	const url = freshDatabase('load');
	const server = await startServer(url);
	const db = await openClient(url);
	try {
		const cookies = await newLearners(learnerCount);
		let turn = 0;
		const nextCookie = () => cookies[turn++ % cookies.length]!;

		const lesson = lessons[0]!;
		const page = await autocannon({
			url: `${origin}/courses/${lesson.course}/${lesson.lesson}`,
			connections,
			duration: seconds,
			timeout,
			requests: [
				{
					method: 'GET',
					setupRequest: (request) => ({ ...request, headers: { cookie: nextCookie() } })
				}
			]
		});

		const sent = new Map<number, Sent>();
		const acknowledged = new Set<string>();
		const statuses = new Map<number, number>();
		let serial = 0;
		let rejected = 0;
		const acknowledge = (status: number, text: string) => {
			statuses.set(status, (statuses.get(status) ?? 0) + 1);
			if (status !== 200) return false;
			const { results } = JSON.parse(text) as { results: { id: string; status: string }[] };
			for (const r of results) {
				if (r.status === 'created' || r.status === 'duplicate') acknowledged.add(r.id);
				else rejected++;
			}
			return true;
		};
		const ingest = await autocannon({
			url: `${origin}/api/events`,
			connections,
			duration: seconds,
			timeout,
			requests: [
				{
					method: 'POST',
					setupRequest: (request, context) => {
						const n = serial++;
						const events = Array.from({ length: batchSize }, (_, j) =>
							eventFor(lessons[(n + j) % lessons.length]!, n * batchSize + j)
						);
						const batch = { cookie: nextCookie(), body: JSON.stringify({ events }) };
						sent.set(n, batch);
						context.serial = n;
						return {
							...request,
							headers: { 'content-type': 'application/json', origin, cookie: batch.cookie },
							body: batch.body
						};
					},
					onResponse: (status, body, context) => {
						const n = context.serial as number;
						if (acknowledge(status, body)) sent.delete(n);
					}
				}
			]
		});

		// The batches cut in flight (or refused) are sent again, as the outbox does until acknowledged.
		const resent = sent.size;
		for (const [n, batch] of sent) {
			const answer = await sendBatch(origin, batch.cookie, batch.body);
			if (acknowledge(answer.status, answer.text)) sent.delete(n);
		}
		const stored = await scalar(db, 'SELECT count(*) FROM learning_events');
		const events = acknowledged.size;
		const tooMany = (page.statusCodeStats['429']?.count ?? 0) + (statuses.get(429) ?? 0);
		const histogram = [...statuses].map(([s, c]) => `${s}: ${fmt(c)}`).join(', ');
		console.log(
			`load: ${connections} connections × ${seconds} s each, ${fmt(learnerCount)} learners, batches of ${batchSize} events`
		);
		console.log(line('  lesson page', page));
		console.log(
			line('  POST /api/events', ingest, `; ${fmt(events / ingest.duration)} events/s acknowledged`)
		);
		console.log(`  ingest statuses: ${histogram}; ${resent} batches cut at the end and sent again`);
		console.log(
			`  events acknowledged ${fmt(events)}, rows in learning_events ${fmt(stored)}: ${stored === events ? 'equal' : 'DIFFERENT'}`
		);
		if (tooMany)
			console.log(`  429 Too Many Requests answered ${tooMany} times (a rate limit, not an error)`);
		const problems = [
			page.errors || page.timeouts
				? `lesson page: ${page.errors} errors, ${page.timeouts} timeouts`
				: '',
			page.non2xx - (page.statusCodeStats['429']?.count ?? 0)
				? `lesson page: non-2xx answers ${JSON.stringify(page.statusCodeStats)}`
				: '',
			ingest.errors || ingest.timeouts
				? `ingest: ${ingest.errors} errors, ${ingest.timeouts} timeouts`
				: '',
			[...statuses.keys()].some((s) => s !== 200 && s !== 429)
				? `ingest statuses ${histogram}`
				: '',
			rejected ? `${rejected} events rejected` : '',
			sent.size ? `${sent.size} batches never acknowledged` : '',
			stored !== events ? `stored ${stored} ≠ acknowledged ${events}` : '',
			server.stderr().includes('Error') ? `server errors:\n${server.stderr().slice(0, 2000)}` : ''
		].filter(Boolean);
		if (problems.length) throw new Error(`load test failed:\n${problems.join('\n')}`);
		return {
			page,
			ingest,
			acknowledged: events,
			stored,
			resent,
			tooMany,
			seconds,
			connections,
			learners: learnerCount,
			batch: batchSize
		};
	} finally {
		db.close();
		await server.stop();
	}
}
