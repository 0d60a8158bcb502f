export type Ring = number[][];

/**
 * A point surely inside a polygon, computed from its rings: on the horizontal line through the middle
 * of its extent, the midpoint of the widest stretch between two crossings of its edges (even-odd).
 */
export function interiorPoint(rings: Ring[]): [number, number] {
	const ys = rings.flat().map((p) => p[1]!);
	const y = (Math.min(...ys) + Math.max(...ys)) / 2;
	const xs: number[] = [];
	for (const ring of rings) {
		for (let i = 0; i < ring.length - 1; i++) {
			const [x1, y1] = ring[i]! as [number, number];
			const [x2, y2] = ring[i + 1]! as [number, number];
			if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
		}
	}
	xs.sort((a, b) => a - b);
	let best: [number, number] = [0, 0];
	for (let i = 0; i + 1 < xs.length; i += 2) {
		if (xs[i + 1]! - xs[i]! > best[1] - best[0]) best = [xs[i]!, xs[i + 1]!];
	}
	return [(best[0] + best[1]) / 2, y];
}
