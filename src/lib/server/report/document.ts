import type { TFunction } from 'i18next';
import type { Locale } from '$lib/content/vocabulary';
import { isIsoDay } from '../dates';
import { cleanText, textProblem } from '../text';

/**
 * What the analyst fills in before printing: the number, the signing date, who signs and who receives
 * it. Kept in the address only (never stored); a value that is too long or hides characters is dropped.
 */
export interface DocumentFields {
	number: string;
	day: string;
	signer: string;
	recipients: string[];
}

const limits = { number: 12, signer: 120, line: 150, lines: 10 };

function line(value: string | null, max: number): string {
	const text = cleanText(value ?? '');
	return text.length <= max && textProblem(text) === null ? text : '';
}

export function documentFields(
	query: URLSearchParams,
	defaults: { signer: string; recipients: string[] }
): DocumentFields {
	const day = query.get('day') ?? '';
	const typed = query.has('recipients')
		? (query.get('recipients') ?? '')
				.split(/\r?\n/)
				.map((l) => line(l, limits.line))
				.filter(Boolean)
				.slice(0, limits.lines)
		: defaults.recipients;
	return {
		number: line(query.get('number'), limits.number),
		day: isIsoDay(day) ? day : '',
		signer: line(query.get('signer'), limits.signer) || defaults.signer,
		recipients: typed
	};
}

/**
 * The place and date line of Vietnamese administrative form (Decree 30/2020): days under 10 and the
 * months 1 and 2 take a leading zero ("ngày 05 tháng 02 năm 2026"). Without a date, blanks to write in.
 */
export function dateLine(
	place: string,
	day: string,
	year: number,
	locale: Locale,
	t: TFunction
): string {
	if (!day) return t('report.doc.dateBlank', { place, y: year });
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	if (locale === 'en') {
		const month = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(
			new Date(Date.UTC(y, m - 1, d))
		);
		return t('report.doc.date', { place, d, m: month, y });
	}
	const pad = (n: number) => String(n).padStart(2, '0');
	return t('report.doc.date', { place, d: d < 10 ? pad(d) : d, m: m <= 2 ? pad(m) : m, y });
}
