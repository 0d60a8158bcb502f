/**
 * `npm run reach:verify`: recomputes every reach rollup from the raw learning events and compares it with
 * the live rollups (exit code 1 on any difference). `npm run reach:rebuild`: replaces the rollups with the
 * recomputation (after a content change of audience tags, or a repair). Both work one chunk of learners at
 * a time, so that memory stays bounded on a large province.
 */
import { openDatabase } from '../db/client.ts';
import { applyMigrations } from '../db/migrate.ts';
import { catchUp, rebuildRollups, verifyRollups } from '../reach/rollups.ts';

const command = process.argv[2];
try {
	const database = await openDatabase();
	await applyMigrations(database.db);
	if (command === 'rebuild') {
		const started = Date.now();
		await rebuildRollups(database.db);
		console.log(`reach:rebuild: rollups recomputed from raw events in ${Date.now() - started} ms.`);
	}
	const pending = await catchUp(database.db, 100_000);
	if (pending) console.log(`reach: folded ${pending} pending events into the rollups first.`);
	const started = Date.now();
	const v = await verifyRollups(database.db);
	const ok = v.firstsWrong === 0 && v.monthlyWrong === 0;
	console.log(
		`reach:verify: ${v.firstsChecked} first-days and ${v.monthlyChecked} monthly counts recomputed in ${Date.now() - started} ms; ` +
			(ok
				? 'the rollups equal the recomputation.'
				: `${v.firstsWrong} first-days and ${v.monthlyWrong} monthly counts differ.`)
	);
	database.client.close();
	process.exit(ok ? 0 : 1);
} catch (error) {
	console.error(
		`reach:${command} failed: ${error instanceof Error ? error.message : String(error)}`
	);
	process.exit(1);
}
