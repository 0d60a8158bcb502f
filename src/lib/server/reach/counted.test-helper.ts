import type { Recorder } from './statements';
import type { Db } from '../db/client';
import { rawAreas } from '../dashboard/metrics';
import { catchUp } from './step';

/** People reached and skilled in an area, exactly, as the dashboard counts them (from the rollups). */
export async function counted(db: Db, regionId: string) {
	await catchUp(db, 1_000);
	const [area] = await rawAreas(db, [{ id: regionId, name: regionId }]);
	return { reached: area!.reached, skilled: area!.skilled };
}

/**
 * A recorder for tests: a learner made long ago (so no event is older than them) whose events come as
 * forms without JavaScript (so no opening is asked for); tests of those checks make their own.
 */
export const by = (learnerId: string, regionId: string): Recorder => ({
	learnerId,
	regionId,
	createdAt: new Date(0),
	via: 'form'
});
