/** `npm run db:migrate`: applies the committed migrations in drizzle/ to DATABASE_URL. */
import { openDatabase } from '../db/client';
import { applyMigrations, migrationsFolder } from '../db/migrate';

try {
	const database = await openDatabase();
	await applyMigrations(database.db);
	console.log(`Migrations from ${migrationsFolder}/ applied to ${database.url.split('?')[0]}.`);
	database.client.close();
} catch (error) {
	console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
