import type { Db } from '../db/client';
import { rawAreas } from '../dashboard/metrics';
import { catchUp } from './step';

/** People reached and skilled in an area, exactly, as the dashboard counts them (from the rollups). */
export async function counted(db: Db, regionId: string) {
	await catchUp(db, 1_000);
	const [area] = await rawAreas(db, [{ id: regionId, name: regionId }]);
	return { reached: area!.reached, skilled: area!.skilled };
}
