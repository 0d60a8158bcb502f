import { sql, type SQL } from 'drizzle-orm';
import type { Locale } from '$lib/content/vocabulary';
import { formatDay } from '$lib/format';

/** The province's calendar: Asia/Ho_Chi_Minh, UTC+7 all year (no daylight saving). */
const provinceZone = 'Asia/Ho_Chi_Minh';

/** The province's calendar day of an instant, as YYYY-MM-DD. */
export function provinceDay(at: Date | number = Date.now()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: provinceZone }).format(at);
}

/**
 * An instant in province time for staff pages, with the zone named: 12:21, 02/12/2026 (UTC+7) in
 * Vietnamese, 02 Dec 2026, 12:21 (UTC+7) in English.
 */
export function provinceMoment(at: Date | number, locale: Locale): string {
	const day = formatDay(provinceDay(at), locale);
	const time = provinceTime(at);
	return `${locale === 'vi' ? `${time}, ${day}` : `${day}, ${time}`} (UTC+7)`;
}

/** The last province day that is over (yesterday in UTC+7, which has no daylight saving). */
export function lastCompleteDay(at: number = Date.now()): string {
	return provinceDay(at - 86_400_000);
}

/** An instant to the second in province time, as YYYY-MM-DD HH:MM:SS (the audit log's sortable form). */
export function provinceStamp(at: Date | number): string {
	const ms = typeof at === 'number' ? at : at.getTime();
	return new Date(ms + 7 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
}

/**
 * The last year that can be closed at `at`: the province year that ended more than an hour ago. The
 * hour lets every event stamped in that year be stored first, so whatever is stored after a closing
 * was received in a later year (`reach/evidence.ts` reads late events from that index).
 */
export function lastClosableYear(at: number = Date.now()): number {
	return Number(provinceDay(at - 3_600_000).slice(0, 4)) - 1;
}

/** The province's hour of an instant, as YYYY-MM-DDTHH (for grouping what happened in one hour). */
export function provinceHour(at: Date | number = Date.now()): string {
	const ms = typeof at === 'number' ? at : at.getTime();
	return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 13);
}

/** The same day in SQL, of a column of epoch milliseconds. */
export const provinceDaySql = (msColumn: SQL) =>
	sql`date(${msColumn} / 1000, 'unixepoch', '+7 hours')`;

export function isIsoDay(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The province's wall-clock time of an instant, as HH:MM (24 h). */
export function provinceTime(at: Date | number = Date.now()): string {
	return new Intl.DateTimeFormat('en-GB', {
		timeZone: provinceZone,
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(at);
}

/** The calendar day `days` after (or before, when negative) a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
