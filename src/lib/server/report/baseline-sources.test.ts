import { describe, expect, it } from 'vitest';
import type { AreaFigures } from '../dashboard/metrics';
import { baselineSources } from './annual';

const area = (
	id: string,
	users: number | null,
	known = true
): AreaFigures & { known: boolean } => ({
	id,
	name: id,
	reached: 0,
	skilled: 0,
	inPersonVerified: null,
	selfReported: null,
	baseline: users === null ? null : { users, year: 2025, source: 'Sở KH&CN', isDemo: false },
	reachPct: null,
	targets: [],
	known
});

describe('the baselines a report names', () => {
	it('counts the areas without an estimate, never a "commune not yet known" row', () => {
		const units = [area('a', 100), area('b', null), area('c', null), area('? X', null, false)];
		const { sources, missing } = baselineSources(area('province', 1000), units);
		expect(missing).toBe(2);
		expect(sources).toEqual([{ source: 'Sở KH&CN', year: 2025, isDemo: false, areas: 2 }]);
	});

	it("counts a scope's own missing estimate only when it has no units", () => {
		const units = [area('a', 100), area('b', null)];
		expect(baselineSources(area('district', null), units).missing).toBe(1);
		expect(baselineSources(area('commune', null), []).missing).toBe(1);
	});

	it('adds up the units when the scope has no estimate of its own', () => {
		const summed = {
			...area('province', 0),
			baseline: { users: 0, year: 2025, source: '', isDemo: false }
		};
		const result = baselineSources(summed, [area('a', 100), area('? X', null, false)]);
		expect(result).toMatchObject({ summed: true, missing: 0 });
	});
});
