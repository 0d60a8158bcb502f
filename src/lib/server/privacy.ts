/**
 * Figures about fewer people than this are not shown (rates, answers, breakdowns), so no view or export
 * can single out a resident. Plain participation counts are shown as they are.
 */
export const minGroupSize = 10;

export function suppressed<T>(people: number, value: T): T | null {
	return people >= minGroupSize ? value : null;
}
