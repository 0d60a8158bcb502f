import { readFileSync } from 'node:fs';
import { testDatabase } from '../db/test-db.test-helper';
import { loadRegionSet } from '../db/regions';
import { users } from '../db/schema';

const setFile = (name: string) =>
	JSON.parse(readFileSync(`content/regions/${name}.json`, 'utf8')) as unknown;

/** The analyst every test enters figures as (a row in users: figures name who entered them). */
export const actor = { id: 'analyst-1', username: 'province-analyst' };

/**
 * A real database with the plan's 12 districts, or today's 102 communes and wards (after their former
 * set, the 23 districts of 2025), and the analyst.
 */
export async function databaseWith(set: '2022' | '2026') {
	const database = await testDatabase();
	const { db } = database;
	if (set === '2026') {
		await loadRegionSet(db, setFile('dong-thap-tien-giang-2025-03'), { activate: false });
		await loadRegionSet(db, setFile('dong-thap-2026'));
	}
	await db
		.insert(users)
		.values({ ...actor, passwordHash: 'x', role: 'analyst', createdAt: new Date() });
	return database;
}
