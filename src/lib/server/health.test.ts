import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from './db/test-db.test-helper';
import { checkHealth } from './health';

let database: Awaited<ReturnType<typeof testDatabase>>;
beforeEach(async () => {
	database = await testDatabase();
});
afterEach(() => database.cleanup());

describe('health check', () => {
	it('is ok on a migrated database', async () => {
		expect(await checkHealth(database.db)).toEqual({ ok: true });
	});

	it('fails when the newest migration is not applied', async () => {
		await database.db.run(
			sql`DELETE FROM __drizzle_migrations WHERE created_at = (SELECT MAX(created_at) FROM __drizzle_migrations)`
		);
		expect(await checkHealth(database.db)).toEqual({ ok: false, reason: 'migrations not applied' });
	});

	it('fails, without throwing, when the database does not answer', async () => {
		database.client.close();
		expect((await checkHealth(database.db)).ok).toBe(false);
	});
});
