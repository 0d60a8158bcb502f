import { stringify } from 'csv-stringify/sync';

/**
 * Fields quoted: any with a comma, a semicolon (Excel's list separator in vi-VN and much of Europe), a
 * tab, a quote or a line break, so that no separator Excel may use splits one into two cells. Plain
 * text and numbers stay bare, so a file opens as it always did.
 */
const needsQuotes = /[,;\t"\r\n]/;

/**
 * The one way the app writes CSV, for Excel: UTF-8 with a byte-order mark (Vietnamese letters open
 * correctly), CRLF line ends, fields quoted by `needsQuotes`. Text that Excel would run as a formula (a
 * campaign title typed as `=HYPERLINK(...)`, say) starts with a quote mark instead, so opening an export
 * never runs what someone else typed.
 */
export function toCsv(rows: (string | number)[][]): string {
	return stringify(rows, {
		bom: true,
		record_delimiter: 'windows',
		escape_formulas: true,
		quoted_match: needsQuotes
	});
}
