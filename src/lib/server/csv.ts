import { stringify } from 'csv-stringify/sync';

/**
 * CSV for Excel: UTF-8 with a byte-order mark (Vietnamese letters open correctly) and CRLF line ends.
 * Text that Excel would run as a formula (a campaign title typed as `=HYPERLINK(...)`, say) starts with
 * a quote mark instead, so opening an export never runs what someone else typed.
 */
export function toCsv(rows: (string | number)[][], quoteWhen?: RegExp): string {
	return stringify(rows, {
		bom: true,
		record_delimiter: 'windows',
		escape_formulas: true,
		...(quoteWhen ? { quoted_match: quoteWhen } : {})
	});
}
