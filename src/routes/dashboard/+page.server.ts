import { and, countDistinct, eq, inArray } from 'drizzle-orm';
import { requireRole } from '$lib/server/auth/access';
import { activeRegions } from '$lib/server/db/regions';
import { learningEvents, quizAttempts } from '$lib/server/db/schema';
import type { PageServerLoad } from './$types';

/** Cells under this many people are not shown, so no figure points at an individual. */
const suppressBelow = 10;

/**
 * Reach per district for analysts (district staff see their district only). A first, direct reading of
 * the learning records; the rollup-based dashboard with targets and baselines replaces it.
 */
export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'analyst', 'admin');
	const { db, locale } = event.locals;
	const regions = (await activeRegions(db)).filter((r) => !user.regionId || r.id === user.regionId);
	const ids = regions.map((r) => r.id);
	const reached = await db
		.select({ region: learningEvents.regionId, n: countDistinct(learningEvents.learnerId) })
		.from(learningEvents)
		.where(inArray(learningEvents.regionId, ids))
		.groupBy(learningEvents.regionId);
	const skilled = await db
		.select({ region: learningEvents.regionId, n: countDistinct(quizAttempts.learnerId) })
		.from(quizAttempts)
		.innerJoin(learningEvents, eq(learningEvents.id, quizAttempts.id))
		.where(and(inArray(learningEvents.regionId, ids), eq(quizAttempts.passed, true)))
		.groupBy(learningEvents.regionId);
	const shown = (n: number | undefined) => (n && n >= suppressBelow ? n : null);
	return {
		scope: user.regionId ? 'district' : 'province',
		suppressBelow,
		rows: regions.map((r) => ({
			id: r.id,
			name: locale === 'vi' ? r.nameVi : r.nameEn,
			reached: shown(reached.find((x) => x.region === r.id)?.n),
			skilled: shown(skilled.find((x) => x.region === r.id)?.n)
		}))
	};
};
