import { cleanText, textProblem } from '../text';
import { parse } from 'csv-parse/sync';
import { resources } from '$lib/i18n';

export const columns = ['code', 'name', 'users', 'year', 'source'] as const;
export type Column = (typeof columns)[number];
const required: Column[] = ['code', 'users', 'year', 'source'];
const delimiters = [';', ',', '\t'];

export const readOptions = { bom: true, relax_column_count: true, relax_quotes: true };

/** Lower case, no diacritics (đ is d), words split on anything but letters and digits. */
function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/** A header cell is a column's internal name or its label in either locale, typed loosely. */
const headerNames = new Map<string, Column>(
	columns.flatMap((column) => [
		[fold(column), column] as const,
		...Object.values(resources).map(
			(r) => [fold(r.translation.baselineCsv.column[column]), column] as const
		)
	])
);

export interface Header {
	/** Index of the header among the file's records (0 unless rows above it are empty). */
	index: number;
	delimiter: string;
	ok: boolean;
	/** The column's position in each record, or -1 when the file does not have it. */
	at: (column: Column) => number;
}

/** The header's columns under the separator (`;` from Excel in vi-VN, `,` or tab) that finds most. */
export function readHeader(text: string): Header {
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
	// Excel saves an empty first row as `;;;;`: the header is the first line with a word in it.
	const index = lines.findIndex((l) => /[^\s,;"]/.test(l));
	let best = { delimiter: ',', found: [] as (Column | undefined)[], known: -1 };
	for (const delimiter of delimiters) {
		let cells: string[];
		try {
			cells = parse(lines[index] ?? '', { ...readOptions, delimiter })[0] ?? [];
		} catch {
			continue;
		}
		const found = cells.map((cell) => headerNames.get(fold(cell)));
		const known = new Set(found.filter(Boolean)).size;
		if (known > best.known) best = { delimiter, found, known };
	}
	const twice = best.found.some((c, i) => c && best.found.indexOf(c) !== i);
	const ok = !twice && required.every((c) => best.found.includes(c));
	return { index, delimiter: best.delimiter, ok, at: (c) => best.found.indexOf(c) };
}

/**
 * A cell as it will be stored: trimmed, with each tab or line break inside it (Alt+Enter in Excel)
 * made one space, since every page shows a source on one line. Hidden characters are refused, not
 * removed, so what is saved is what the person sees in their spreadsheet.
 */
export function readCell(
	raw: string,
	maxLength: number
): { text: string } | { problem: 'bad-text' | 'too-long' } {
	const text = cleanText(raw.replace(/[\t\r\n]+/g, ' '));
	if (text.length > maxLength) return { problem: 'too-long' };
	// The one rule for typed text (src/lib/server/text.ts): hidden characters, or nothing visible.
	if (textProblem(text)) return { problem: 'bad-text' };
	return { text };
}

/** A four-digit year within the range, or undefined. */
export function readYear(typed: string, range: { minYear: number; maxYear: number }) {
	const year = /^\d{4}$/.test(typed) ? Number(typed) : NaN;
	return year >= range.minYear && year <= range.maxYear ? year : undefined;
}
