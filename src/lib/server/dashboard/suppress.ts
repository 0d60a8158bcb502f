import { minGroupSize } from '../privacy';

/** Hides counts of fewer than the minimum group; zero stays zero (it describes nobody). */
export function shown(value: number): number | null {
	return value === 0 || value >= minGroupSize ? value : null;
}

/**
 * Hides a column's cells that describe 1 to 9 people. When exactly one is hidden and a total is shown,
 * the total minus the others would give it away, so the next smallest cell is hidden too.
 */
export function suppressColumn(values: number[]): (number | null)[] {
	const out = values.map(shown);
	if (out.filter((v) => v === null).length !== 1) return out;
	let next = -1;
	values.forEach((v, i) => {
		if (out[i] !== null && v > 0 && (next < 0 || v < values[next]!)) next = i;
	});
	if (next >= 0) out[next] = null;
	return out;
}
