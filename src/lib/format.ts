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

const tag = (locale: Locale) => (locale === 'vi' ? 'vi-VN' : 'en-GB');

/** Storage sizes as a phone owner reads them: 312 KB, 1,2 MB (vi) / 1.2 MB (en). */
export function formatBytes(bytes: number, locale: Locale): string {
	const mb = bytes >= 1024 * 1024;
	const value = mb ? bytes / (1024 * 1024) : Math.max(1, Math.round(bytes / 1024));
	const number = new Intl.NumberFormat(tag(locale), { maximumFractionDigits: mb ? 1 : 0 });
	return `${number.format(value)} ${mb ? 'MB' : 'KB'}`;
}

/** A moment on this device's clock: 10:32, 26/11/2026 (vi) / 26 Nov 2026, 10:32 (en). */
export function formatMoment(ms: number, locale: Locale): string {
	return new Intl.DateTimeFormat(tag(locale), {
		dateStyle: 'short',
		timeStyle: 'short'
	}).format(new Date(ms));
}

/** A percentage to one decimal at most, as each language writes it: 3,2% (vi) / 3.2% (en). */
export function formatPct(value: number, locale: Locale): string {
	return `${pctNumber(locale).format(value)}%`;
}

/** A range of percentages with one sign: 0,4–1,2% (vi) / 0.4–1.2% (en); one value when they meet. */
export function formatPctRange(lo: number, hi: number, locale: Locale): string {
	const number = pctNumber(locale);
	return lo === hi ? `${number.format(lo)}%` : `${number.format(lo)}–${number.format(hi)}%`;
}

const pctNumber = (locale: Locale) =>
	new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 1, useGrouping: false });

/** A count of people: 1.250.000 (vi), 1,250,000 (en). */
export function formatCount(n: number, locale: Locale): string {
	return n.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-US');
}

/** A month (YYYY-MM) as each language writes it in a sentence: 3/2027 (vi, after "tháng"), March 2027. */
export function formatMonth(month: string, locale: Locale, short = false): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	if (locale === 'vi') return `${m}/${y}`;
	return new Intl.DateTimeFormat('en-GB', {
		month: short ? 'short' : 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** A number of people a month, to one decimal at most: 12,3 (vi) / 12.3 (en). */
export function formatRate(n: number, locale: Locale): string {
	return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-US', {
		maximumFractionDigits: n < 100 ? 1 : 0
	}).format(n);
}
