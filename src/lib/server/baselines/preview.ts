import { parse } from 'csv-parse/sync';
import type { BaselinePreview, BaselinePreviewLine } from '$lib/content/views';
import type { Locale } from '$lib/content/vocabulary';
import { formatCount } from '$lib/format';
import type { TFunction } from '$lib/i18n';
import type { Baseline } from '../db/schema';
import { baselineCsvMessage, parseBaselineCsv, type BaselineCsv, type BaselineUnit } from './csv';
import { readHeader, readOptions } from './sheet';
import { changeOf } from './store';

/** A file's lines that hold a figure, as typed, the way parseBaselineCsv walks them. */
function typedLines(text: string) {
	const header = readHeader(text);
	const records = parse(text, { ...readOptions, delimiter: header.delimiter }) as string[][];
	const cell = (record: string[], column: Parameters<typeof header.at>[0]) =>
		header.at(column) < 0 ? '' : (record[header.at(column)] ?? '').trim();
	const filled = records.flatMap((record, i) =>
		i > header.index && record.some((c) => c.trim() !== '') ? [{ record, line: i + 1 }] : []
	);
	const withFigure = filled.filter(({ record }) => cell(record, 'users') !== '');
	return {
		skipped: filled.length - withFigure.length,
		lines: withFigure.map(({ record, line }) => ({
			line,
			code: cell(record, 'code'),
			name: cell(record, 'name'),
			users: cell(record, 'users'),
			year: cell(record, 'year'),
			source: cell(record, 'source')
		}))
	};
}

/** Whether the file could not be read as rows at all: then there are no lines to show. */
const wholeFile = (csv: BaselineCsv) =>
	csv.problems.some(
		(p) => p.line === 0 || p.problem === 'bad-header' || p.problem === 'too-many-rows'
	);

/**
 * The preview of an upload: every problem and flag as a person reads it, beside its line, and what
 * saving would do. Line ends are made LF first, so the text posted again to save reads the same.
 */
export function baselinePreview(
	input: { text: string; fileName: string; demo: boolean },
	units: BaselineUnit[],
	saved: Baseline[],
	{ t, locale }: { t: TFunction; locale: Locale }
): { preview: BaselinePreview; csv: BaselineCsv } {
	const text = input.text.replace(/\r\n?/g, '\n');
	const known = saved.map((b) => ({ key: b.area, year: b.year, users: b.internetUsers }));
	const csv = parseBaselineCsv(text, units, known);
	const message = (item: Parameters<typeof baselineCsvMessage>[1]) =>
		baselineCsvMessage(t, item, csv.limits);
	const problems = csv.problems.map((p) => ({ line: p.line, message: message(p) }));
	const changes = new Map(csv.rows.map((r) => [r.line, changeOf(r, input.demo, saved)]));
	// A figure saved already, unchanged, is not asked about again each time the template comes back.
	const flagsToCheck = csv.flags.filter((f) => changes.get(f.line)?.change !== 'same');
	const flags = flagsToCheck.map((f) => ({ line: f.line, message: message(f) }));
	const counts = { new: 0, replaces: 0, same: 0, toSave: 0 };
	const { lines: typed, skipped } = wholeFile(csv) ? { lines: [], skipped: 0 } : typedLines(text);
	const byCode = new Map(units.map((u) => [u.code, u]));
	const lines = typed.map((l): BaselinePreviewLine => {
		const row = csv.rows.find((r) => r.line === l.line);
		const own = {
			problems: problems.filter((p) => p.line === l.line).map((p) => p.message),
			flags: flags.filter((f) => f.line === l.line).map((f) => f.message)
		};
		if (!row)
			return {
				...l,
				...own,
				name: byCode.get(l.code)?.name ?? l.name,
				status: 'problem',
				previous: null
			};
		const { change, previous } = changes.get(l.line)!;
		counts[change]++;
		return {
			...l,
			...own,
			name: row.name,
			users: formatCount(row.users, locale),
			year: String(row.year),
			source: row.source,
			status: own.problems.length ? 'problem' : change,
			previous:
				change === 'replaces' && previous ? formatCount(previous.internetUsers, locale) : null
		};
	});
	if (!problems.length) counts.toSave = counts.new + counts.replaces;
	const flagged = [...new Set(flags.map((f) => f.line))].join(',');
	return {
		csv,
		preview: {
			fileName: input.fileName.split(/[\\/]/).pop()!.slice(0, 200),
			text,
			demo: input.demo,
			problems,
			flags,
			flagged,
			lines,
			skipped,
			counts
		}
	};
}
