/** What the two-instance checks share: a check, a number from SQL, waiting, the event ledger. */
import type { Client } from '@libsql/client';

export function check(ok: boolean, what: string): void {
	if (!ok) throw new Error(`FAILED: ${what}`);
	console.log(`  ok  ${what}`);
}

export async function scalar(client: Client, sql: string, args: (string | number)[] = []) {
	const result = await client.execute({ sql, args });
	return Number(result.rows[0]?.[0] ?? 0);
}

export async function until(what: string, test: () => Promise<boolean>, timeoutMs = 40_000) {
	const deadline = Date.now() + timeoutMs;
	while (!(await test())) {
		if (Date.now() > deadline) throw new Error(`FAILED: ${what} within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** Ids every instance acknowledged, and how many times each was answered "created". */
export interface Ledger {
	acked: Set<string>;
	created: Map<string, number>;
	ackedAt: Map<string, number>;
}

export function note(ledger: Ledger, results: { id: string; status: string }[]): void {
	const now = Date.now();
	for (const r of results) {
		if (r.status === 'rejected') throw new Error(`an event was rejected: ${JSON.stringify(r)}`);
		ledger.acked.add(r.id);
		if (!ledger.ackedAt.has(r.id)) ledger.ackedAt.set(r.id, now);
		if (r.status === 'created') ledger.created.set(r.id, (ledger.created.get(r.id) ?? 0) + 1);
	}
}
