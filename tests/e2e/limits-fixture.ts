/**
 * The limits the e2e tests probe, as [max, seconds] (the others are lifted: see testLimits in
 * tests/process.ts). Windows of an hour are far longer than any machine needs to reach them.
 */
export const e2eLimits = {
	signInPerAccount: [5, 3600],
	secondFactorPerAccount: [5, 3600],
	joinMissesPerAddress: [30, 3600],
	eventsPerLearner: [30, 3600]
} as const;
