import { scaleQuantile, scaleThreshold } from 'd3-scale';

/** One colour class of the map: the real lowest and highest figure in it, and how many units. */
export interface Band {
	lo: number;
	hi: number;
	count: number;
}

/**
 * Sequential fills by number of classes, sampled from ColorBrewer's YlGnBu ramp at equal contrast
 * steps: the lightest is 1.3:1 on white, neighbours differ by 3:1 (3 classes), 2.15:1 (4) or 1.8:1 (5).
 * Five classes cannot all be 3:1 apart (that needs 243:1); boundaries, names and the table carry the rest.
 */
export const palettes: Record<number, readonly string[]> = {
	1: ['#2fa1c1'],
	2: ['#cdebb4', '#224399'],
	3: ['#cdebb4', '#2288bb', '#1b2e80'],
	4: ['#cdebb4', '#35a7c2', '#2164ab', '#162976'],
	5: ['#cdebb4', '#4cb7c1', '#2181b8', '#234fa1', '#11246b']
};

const classes = (k: number) => Array.from({ length: k }, (_, i) => i);
const count = (sorted: number[], v: number) => sorted.filter((x) => x === v).length;

/**
 * Breaks (lower edges of every class but the first) cutting sorted values into k quantile classes.
 * A value shared by more units than one class would hold (0% early on) is a class of its own and the
 * rest are cut around it; otherwise ties would merge neighbouring classes and paint most units alike.
 */
function quantileBreaks(sorted: number[], k: number): number[] {
	const distinct = [...new Set(sorted)];
	if (distinct.length <= k) return distinct.slice(1);
	const mode = distinct.reduce((a, b) => (count(sorted, b) > count(sorted, a) ? b : a));
	if (k >= 3 && count(sorted, mode) > sorted.length / k) {
		const below = sorted.filter((v) => v < mode);
		const above = sorted.filter((v) => v > mode);
		// The other k - 1 classes go to each side by its share of units, at least one to a side with any.
		const rest = k - 1;
		const share = Math.round((rest * below.length) / (below.length + above.length));
		const kBelow = Math.min(Math.max(share, below.length ? 1 : 0), above.length ? rest - 1 : rest);
		return [
			...(below.length ? quantileBreaks(below, kBelow) : []),
			mode,
			...(above.length ? [above[0]!, ...quantileBreaks(above, rest - kBelow)] : [])
		];
	}
	return [...new Set(scaleQuantile<number>().domain(sorted).range(classes(k)).quantiles())];
}

/**
 * Quantile classes over the figures there are (null: no figure, never classed): at most `max`, fewer
 * when there are fewer distinct values, none empty. Each band reports the real range of its members.
 */
export function quantileBands(values: (number | null)[], max = 5) {
	const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
	const k = Math.min(max, new Set(sorted).size);
	const breaks = k ? quantileBreaks(sorted, k) : [];
	const threshold = scaleThreshold<number, number>()
		.domain(breaks)
		.range(classes(breaks.length + 1));
	const members = new Map<number, number[]>();
	for (const v of sorted) members.set(threshold(v), [...(members.get(threshold(v)) ?? []), v]);
	// Classes left empty by ties are dropped, so class numbers run 0..bands.length-1.
	const used = [...members.keys()].sort((a, b) => a - b);
	const bands: Band[] = used.map((c) => {
		const m = members.get(c)!;
		return { lo: m[0]!, hi: m.at(-1)!, count: m.length };
	});
	return {
		bands,
		colours: bands.length ? palettes[bands.length]! : [],
		classOf: (v: number | null): number | null => (v === null ? null : used.indexOf(threshold(v)))
	};
}
