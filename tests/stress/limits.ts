/**
 * Every limit answers 429: the built app with tiny limits of its own (RATE_LIMITS, windows of an hour),
 * and one probe per limit that reaches it from 127.0.0.1 and checks the refusal (status, Retry-After or
 * the minutes to wait, the message in the person's language) and that the refused request changed
 * nothing. A limit added to src/lib/server/limits.ts without a probe here fails to type-check.
 */
import type { LimitName } from '../../src/lib/server/limits.ts';
import { testLimits } from '../process.ts';
import { freshDatabase, openClient, requireBuild, startServer } from './harness.ts';
import { tiny, type Check, type Probe } from './limits-common.ts';
import { accountProbes } from './limits-accounts.ts';
import { learnerProbes } from './limits-learners.ts';

/** The probes run in this order, on one server: each counts what earlier ones spent of shared limits. */
const probes: Record<LimitName, Probe> = { ...accountProbes, ...learnerProbes };

export async function limitsTest(): Promise<void> {
	requireBuild();
	const url = freshDatabase('limits');
	const server = await startServer(url, { RATE_LIMITS: testLimits(tiny) });
	const db = await openClient(url);
	const problems: string[] = [];
	const check: Check = (ok, what) => {
		console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
		if (!ok) problems.push(what);
	};
	try {
		for (const [name, probe] of Object.entries(probes)) {
			await probe(check, db).catch((error: unknown) => problems.push(`${name}: ${String(error)}`));
		}
	} finally {
		db.close();
		await server.stop();
	}
	if (problems.length) throw new Error(`limits test failed:\n${problems.join('\n')}`);
}
