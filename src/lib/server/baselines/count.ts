/**
 * Thousands grouped by one separator used throughout: a dot or a space (vi-VN: 1.250.000, 120 000 with
 * a plain, no-break or thin space) or a comma (en-US: 1,250,000).
 */
const grouped = /^\d{1,3}([. \u00A0\u2009\u202F,])\d{3}(?:\1\d{3})*$/;

/**
 * A count of people as a spreadsheet in Vietnamese or English writes it, or undefined when it is not a
 * whole number. A dot or comma followed by exactly three digits always groups thousands, so "1.250" and
 * "1,250" both read 1,250 (a count has no fractions; a misread figure shows as a ×3 change flag).
 * A decimal part is refused: "120,5", "120.5", "1.250,00", "1,250.00".
 */
export function readCount(typed: string): number | undefined {
	const text = typed.trim();
	const negative = /^[-\u2212]/.test(text);
	const digits = negative ? text.slice(1).trimStart() : text;
	if (!/^\d+$/.test(digits) && !grouped.test(digits)) return undefined;
	const n = Number(digits.replace(/\D/g, ''));
	return negative ? -n : n;
}
