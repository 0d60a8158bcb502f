import { addDays, provinceDay } from '../dates';

/**
 * When a session's QR check-in is open: from the start of its day (province time) to the end of the
 * day `CHECKIN_MARGIN_DAYS` later. The default, 1, keeps it open the next day for an evening talk that
 * runs past midnight and for a phone without signal in the hall; never before the day, when nobody has
 * seen the code yet. Read once, at start-up; a malformed value stops the server.
 */
export function readCheckinMargin(value = ''): number {
	const text = value.trim();
	if (text === '') return 1;
	if (!/^\d{1,2}$/.test(text) || Number(text) > 14)
		throw new Error(
			`CHECKIN_MARGIN_DAYS: cannot read "${value}"; write a whole number of days, 0 to 14`
		);
	return Number(text);
}

export const checkinMarginDays = readCheckinMargin(process.env.CHECKIN_MARGIN_DAYS);

export interface CheckinWindow {
	state: 'before' | 'open' | 'after';
	/** The first and last province days of the window (inclusive). */
	opens: string;
	closes: string;
}

export function checkinWindow(
	heldOn: string,
	today = provinceDay(),
	margin = checkinMarginDays
): CheckinWindow {
	const closes = addDays(heldOn, margin);
	const state = today < heldOn ? 'before' : today > closes ? 'after' : 'open';
	return { state, opens: heldOn, closes };
}
