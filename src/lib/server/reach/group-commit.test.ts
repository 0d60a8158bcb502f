import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit';

/** A fake store: each call of `write` is one transaction, all-or-nothing. */
function store(failWhen: (jobs: string[]) => boolean = () => false) {
	const committed: string[] = [];
	const transactions: string[][] = [];
	const write = async (jobs: string[]) => {
		await new Promise((resolve) => setTimeout(resolve, 5));
		transactions.push(jobs);
		if (failWhen(jobs)) throw new Error(`refused ${jobs.join(',')}`);
		committed.push(...jobs);
		return jobs.map((job) => `done ${job}`);
	};
	return { committed, transactions, write };
}

describe('groupCommit', () => {
	it('writes concurrent jobs in one transaction and gives each caller its own result', async () => {
		const { write, transactions } = store();
		const submit = groupCommit(write);
		const results = await Promise.all(['a', 'b', 'c'].map((job) => submit(job)));
		expect(results).toEqual(['done a', 'done b', 'done c']);
		expect(transactions).toEqual([['a', 'b', 'c']]);
	});

	it('groups the jobs that arrive during a commit into the next transaction', async () => {
		const { write, transactions } = store();
		const submit = groupCommit(write);
		const first = submit('a');
		await new Promise((resolve) => setTimeout(resolve, 1));
		const later = await Promise.all([submit('b'), submit('c'), first]);
		expect(later).toEqual(['done b', 'done c', 'done a']);
		expect(transactions).toEqual([['a'], ['b', 'c']]);
	});

	it('answers a caller only after its transaction committed', async () => {
		const { write, committed } = store();
		const submit = groupCommit(write);
		const seen = await Promise.all(['a', 'b'].map((job) => submit(job).then(() => [...committed])));
		for (const snapshot of seen) expect(snapshot).toEqual(['a', 'b']);
	});

	it('refuses a failing job alone: the others of its group still commit', async () => {
		const { write, committed, transactions } = store((jobs) => jobs.includes('bad'));
		const submit = groupCommit(write);
		const settled = await Promise.allSettled(['a', 'bad', 'c'].map((job) => submit(job)));
		expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(committed).toEqual(['a', 'c']);
		expect(transactions).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
		// The committer keeps working after a failure.
		expect(await submit('d')).toBe('done d');
	});

	it('stops a group at the weight limit, keeping arrival order', async () => {
		const { write, transactions } = store();
		const submit = groupCommit(write, { weight: (job) => job.length, maxWeight: 4 });
		await Promise.all(['aa', 'bb', 'c', 'dddddd', 'e'].map((job) => submit(job)));
		expect(transactions).toEqual([['aa', 'bb'], ['c'], ['dddddd'], ['e']]);
	});
});
