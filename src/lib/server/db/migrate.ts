import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Db } from './client';

export const migrationsFolder = process.env.MIGRATIONS_DIR || 'drizzle';

/** Applies the committed drizzle-kit migrations; already-applied ones are skipped. */
export async function applyMigrations(db: Db): Promise<void> {
	await migrate(db, { migrationsFolder });
}
