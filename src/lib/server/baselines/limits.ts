/** What a baseline may be, in an uploaded file and in the single form alike. */
import { provinceDay } from '$lib/server/dates';

export const limits = {
	// Over twice the whole merged province's population (about 4.4 million): no area has more
	// Internet users, while a figure typed with extra zeros is caught. Within an area, the
	// population and ×3 flags catch smaller slips.
	maxUsers: 10_000_000,
	maxRows: 1000,
	maxField: 500,
	// 1,000 rows are about 100 KB; under BODY_SIZE_LIMIT (512K), so the page says why, not a bare 413.
	maxFileBytes: 256 * 1024
};

/** The years a figure may be for, in the file and the single form alike: 2020 to next year. */
export function yearRange(today = provinceDay()): { minYear: number; maxYear: number } {
	return { minYear: 2020, maxYear: Number(today.slice(0, 4)) + 1 };
}
