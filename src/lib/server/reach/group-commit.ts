/**
 * Group commit: requests that arrive while a write is being committed wait, and are then written
 * together in ONE transaction, so that one disk sync (synchronous=FULL) serves many requests instead of
 * one each. Every caller is answered only after the transaction holding its job has committed, so an
 * acknowledged write is as durable as before.
 *
 * `write` receives the jobs of a group in arrival order and returns one result per job, committing all
 * of them or none. If a group fails, each of its jobs is written again on its own: one bad job is then
 * refused alone, and the others still commit.
 */
export interface GroupCommitOptions<J> {
	/** How much a job weighs (e.g. its number of rows); a group stops growing at `maxWeight`. */
	weight?: (job: J) => number;
	maxWeight?: number;
}

type Waiting<J, R> = { job: J; resolve: (result: R) => void; reject: (error: unknown) => void };

export function groupCommit<J, R>(
	write: (jobs: J[]) => Promise<R[]>,
	{ weight = () => 1, maxWeight = Infinity }: GroupCommitOptions<J> = {}
): (job: J) => Promise<R> {
	const queue: Waiting<J, R>[] = [];
	let draining = false;

	/** The oldest jobs up to the weight limit (always at least one, however heavy). */
	function nextGroup(): Waiting<J, R>[] {
		let total = weight(queue[0]!.job);
		let n = 1;
		while (n < queue.length && total + weight(queue[n]!.job) <= maxWeight) {
			total += weight(queue[n]!.job);
			n++;
		}
		return queue.splice(0, n);
	}

	async function commit(group: Waiting<J, R>[]): Promise<void> {
		let results: R[];
		try {
			results = await write(group.map((w) => w.job));
		} catch (error) {
			if (group.length === 1) return group[0]!.reject(error);
			for (const one of group) await commit([one]);
			return;
		}
		group.forEach((w, i) => w.resolve(results[i]!));
	}

	async function drain(): Promise<void> {
		while (queue.length) {
			await commit(nextGroup());
			// Let the requests whose bodies arrived during that commit reach the queue and join the next.
			await new Promise((resolve) => setImmediate(resolve));
		}
		draining = false;
	}

	return (job) =>
		new Promise<R>((resolve, reject) => {
			queue.push({ job, resolve, reject });
			if (draining) return;
			draining = true;
			// Wait one turn of the event loop so that requests arriving together form one group.
			setImmediate(() => void drain());
		});
}
