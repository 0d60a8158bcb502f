/**
 * A d3-geo path context that writes SVG path data small enough to send 102 communes to a phone:
 * points rounded to 0.1 (of the drawn size), relative moves, points that round onto the last dropped.
 * Working in whole tenths keeps the relative steps exact, so rounding errors never add up.
 */
export class CompactPath {
	private d: string[] = [];
	private x = 0;
	private y = 0;
	private startX = 0;
	private startY = 0;
	private drawing = false;

	moveTo(x: number, y: number): void {
		const [tx, ty] = [Math.round(x * 10), Math.round(y * 10)];
		this.d.push(`m${pair(tx - this.x, ty - this.y)}`);
		[this.x, this.y, this.startX, this.startY] = [tx, ty, tx, ty];
		this.drawing = false;
	}

	lineTo(x: number, y: number): void {
		const [tx, ty] = [Math.round(x * 10), Math.round(y * 10)];
		if (tx === this.x && ty === this.y) return;
		this.d.push(`${this.drawing ? ' ' : 'l'}${pair(tx - this.x, ty - this.y)}`);
		[this.x, this.y] = [tx, ty];
		this.drawing = true;
	}

	closePath(): void {
		this.d.push('z');
		[this.x, this.y] = [this.startX, this.startY];
		this.drawing = false;
	}

	/** d3 draws arcs only for points and needs no begin: the map has neither. */
	arc(): void {}
	beginPath(): void {}

	/** The path data so far, and a fresh start for the next shape. */
	take(): string {
		const out = this.d.join('').replace(/ -/g, '-');
		[this.d, this.x, this.y, this.drawing] = [[], 0, 0, false];
		return out;
	}
}

/** Tenths as the shortest SVG number: 12 → 1.2, -3 → -.3, 40 → 4. */
function num(tenths: number): string {
	const s = String(tenths / 10);
	return s.replace(/^(-?)0\./, '$1.');
}

const pair = (dx: number, dy: number) => `${num(dx)}${dy < 0 ? '' : ' '}${num(dy)}`;
