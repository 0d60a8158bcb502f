import type { AgeBand } from '$lib/content/vocabulary';
import type { Db } from '../db/client';
import { hit } from '../limits';
import { updateLearner } from './index';

/**
 * A learner's new place and age band. A change of place counts against `placeChangesPerLearner`;
 * beyond it nothing changes and the days to wait are returned. Keeping the same place never counts.
 */
export async function moveLearner(
	db: Db,
	learner: { id: string; regionId: string },
	regionId: string,
	ageBand: AgeBand | null,
	now = Date.now()
): Promise<{ moved: true } | { refused: true; days: number }> {
	if (regionId !== learner.regionId) {
		const verdict = await hit(db, 'placeChangesPerLearner', learner.id, now);
		if (!verdict.allowed)
			return { refused: true, days: Math.max(1, Math.ceil(verdict.retryAfterS / 86_400)) };
	}
	await updateLearner(db, learner.id, regionId, ageBand);
	return { moved: true };
}
