import type { TFunction } from 'i18next';
import type { Locale } from '$lib/content/vocabulary';
import { formatCount, formatPct } from '$lib/format';

/** One table cell as printed (the CSV holds the same value unformatted): see server/report/tables.ts. */
export type Cell =
	| { n: number; pct?: boolean; demo?: boolean }
	| { hidden: true }
	| { none: true }
	| { text: string };

export function cellText(cell: Cell, locale: Locale, t: TFunction): string {
	if ('text' in cell) return cell.text;
	if ('hidden' in cell) return t('report.hidden');
	if ('none' in cell) return '—';
	return `${cell.pct ? formatPct(cell.n, locale) : formatCount(cell.n, locale)}${cell.demo ? '*' : ''}`;
}

const romans = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];

/** Section numbers of administrative documents: I, II, III… */
export const roman = (i: number) => romans[i] ?? String(i + 1);
