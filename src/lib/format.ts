import type { Locale } from './content/vocabulary';

/** A calendar day (YYYY-MM-DD) as people in each language write it: 26/11/2026, 26 Nov 2026. */
export function formatDay(day: string, locale: Locale): string {
	const date = new Date(`${day}T00:00:00Z`);
	if (Number.isNaN(date.getTime())) return day;
	return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
		day: '2-digit',
		month: locale === 'vi' ? '2-digit' : 'short',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(date);
}
