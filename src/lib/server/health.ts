import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Db } from './db/client';
import { migrationsFolder } from './db/migrate';

/** The newest migration shipped with this build: drizzle records each applied one by its timestamp. */
let newestMigration: number | undefined;
function newestShipped(): number {
	newestMigration ??= Math.max(
		...readMigrationFiles({ migrationsFolder }).map((migration) => migration.folderMillis)
	);
	return newestMigration;
}

/**
 * Healthy means the database answers a real query within the timeout and has every migration this
 * build ships. The reason stays in the server's log; a probe only learns ok or not.
 */
export async function checkHealth(
	db: Db,
	timeoutMs = 2000
): Promise<{ ok: true } | { ok: false; reason: string }> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
	});
	try {
		const rows = await Promise.race([
			db.all<{ applied: number | null }>(
				sql`SELECT CAST(MAX(created_at) AS INTEGER) AS applied FROM __drizzle_migrations`
			),
			timeout
		]);
		const applied = Number(rows[0]?.applied ?? 0);
		if (applied < newestShipped()) return { ok: false, reason: 'migrations not applied' };
		return { ok: true };
	} catch (error) {
		return { ok: false, reason: error instanceof Error ? error.message : String(error) };
	} finally {
		clearTimeout(timer);
	}
}
