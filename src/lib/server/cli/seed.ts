/** `npm run db:seed [region-set.json]`: migrates, then loads a region set and makes it active. */
import { readFileSync } from 'node:fs';
import { openDatabase } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { loadRegionSet } from '../db/regions';
import { ValiError } from 'valibot';

const file =
	process.argv[2] || process.env.REGION_SET_FILE || 'content/regions/dong-thap-2022.json';

try {
	const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
	const database = await openDatabase();
	await applyMigrations(database.db);
	const set = await loadRegionSet(database.db, data);
	console.log(
		`Loaded region set "${set.code}" (${set.units.length} units) from ${file}; it is now active.`
	);
	database.client.close();
} catch (error) {
	const reason =
		error instanceof ValiError
			? error.issues
					.map(
						(i) =>
							`${i.path?.map((p: { key: unknown }) => String(p.key)).join('.') ?? ''}: ${i.message}`
					)
					.join('; ')
			: error instanceof Error
				? error.message
				: String(error);
	console.error(`db:seed failed for ${file}: ${reason}`);
	process.exit(1);
}
