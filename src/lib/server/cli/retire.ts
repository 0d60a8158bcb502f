/**
 * `npm run learners:retire [-- --dry-run]`: unlinks the learners with no activity for RETENTION_YEARS
 * years (default 3), as "My data"'s delete does; prints how many. `--dry-run` prints the count only and
 * changes nothing. Running it again retires no one more. The running server does the same once a day.
 */
import { openDatabase } from '../db/client.ts';
import { applyMigrations } from '../db/migrate.ts';
import { retentionYears, retireInactiveLearners } from '../learner/retire.ts';

const dryRun = process.argv.includes('--dry-run');

try {
	const years = retentionYears();
	if (years === 0) {
		console.log('learners:retire: retention is off (RETENTION_YEARS=0); nothing was done.');
		process.exit(0);
	}
	const database = await openDatabase();
	await applyMigrations(database.db);
	const r = await retireInactiveLearners(database.db, { years, dryRun });
	const since = r.cutoff.toISOString().slice(0, 10);
	console.log(
		dryRun
			? `learners:retire: ${r.retired} learners have had no activity since ${since} (${years} years) and would be unlinked; dry run, nothing was changed.`
			: `learners:retire: ${r.retired} learners with no activity since ${since} (${years} years) were unlinked; their records stay counted under fresh ids.`
	);
	database.client.close();
	process.exit(0);
} catch (error) {
	console.error(
		`learners:retire failed: ${error instanceof Error ? error.message : String(error)}`
	);
	process.exit(1);
}
