import { openDatabase, type Database } from './client';
import { applyMigrations } from './migrate';

let ready: Promise<Database> | undefined;

/** The app's one database, opened and migrated on first use (the server awaits it at start-up). */
export function getDatabase(): Promise<Database> {
	ready ??= openDatabase().then(async (database) => {
		await applyMigrations(database.db);
		return database;
	});
	return ready;
}
