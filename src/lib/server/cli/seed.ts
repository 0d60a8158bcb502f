/** `npm run db:seed [region-set.json]`: migrates, then loads a region set and makes it active. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { loadWithFormerSet } from '../db/regions';
import { ValiError } from 'valibot';

const file =
	process.argv[2] || process.env.REGION_SET_FILE || 'content/regions/dong-thap-2026.json';

try {
	const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
	const database = await openDatabase();
	await applyMigrations(database.db);
	// A commune-level set's former districts come from the set it names, shipped beside it.
	const shipped = (code: string) => {
		const path = join('content/regions', `${code}.json`);
		return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as unknown) : undefined;
	};
	const set = await loadWithFormerSet(database.db, data, shipped);
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
