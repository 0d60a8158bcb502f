/**
 * `npm run test:stress` (long: load 60 s per target, 10 crashes, thousands of bad requests) and
 * `npm run test:stress:short` (the CI version). Needs `npm run build` first. Parts can be picked:
 * `npx tsx tests/stress/run.ts --short fuzz crash`.
 */
import { crashTest } from './crash.ts';
import { fuzzTest } from './fuzz.ts';
import { limitsTest } from './limits.ts';
import { loadTest } from './load.ts';
import { rebuildTest } from './rebuild.ts';

const short = process.argv.includes('--short');
const picked = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const parts = {
	limits: limitsTest,
	load: loadTest,
	crash: crashTest,
	fuzz: fuzzTest,
	rebuild: rebuildTest
};

for (const [name, part] of Object.entries(parts)) {
	if (picked.length && !picked.includes(name)) continue;
	const started = Date.now();
	try {
		await part(short);
		console.log(`${name}: passed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
	} catch (error) {
		console.error(error instanceof Error ? (error.stack ?? error.message) : error);
		console.error(`${name}: FAILED`);
		process.exit(1);
	}
}
