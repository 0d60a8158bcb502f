import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from './client';
import { applyMigrations } from './migrate';
import { loadRegionSet } from './regions';

/** A real embedded libSQL file with the committed migrations and the default region set. */
export async function testDatabase(): Promise<Database & { cleanup: () => void }> {
	const dir = mkdtempSync(join(tmpdir(), 'cybersafe-test-'));
	const database = await openDatabase(`file:${join(dir, 'test.db')}`);
	await applyMigrations(database.db);
	await loadRegionSet(
		database.db,
		JSON.parse(readFileSync('content/regions/dong-thap-2022.json', 'utf8'))
	);
	return {
		...database,
		cleanup: () => {
			database.client.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
