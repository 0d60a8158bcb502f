import { CsvError, parse } from 'csv-parse/sync';
import type { Locale } from '$lib/content/vocabulary';
import { resources, type TFunction } from '$lib/i18n';
import { toCsv } from '$lib/server/csv';
import {
	columns,
	readCell,
	readHeader,
	readOptions,
	readYear,
	type Column,
	type Header
} from './sheet';
import { limits, yearRange } from './limits';
import { readCount } from './count';

export { limits, yearRange };

/** An area a baseline can be entered for; `key` is the area key it is stored under. */
export interface BaselineUnit {
	key: string;
	code: string;
	name: string;
	population?: number;
}
export interface KnownBaseline {
	key: string;
	year: number;
	users: number;
	source?: string;
}
export interface BaselineRow {
	key: string;
	code: string;
	name: string;
	year: number;
	users: number;
	source: string;
	line: number;
}

export const problemKinds = [
	...['unknown-code', 'blank-code', 'duplicate-code', 'bad-number', 'negative', 'zero', 'too-big'],
	...['bad-year', 'blank-source', 'bad-text', 'too-long'],
	...['bad-header', 'too-many-rows', 'not-csv', 'not-utf8', 'empty']
] as const;
export type ProblemKind = (typeof problemKinds)[number];
/** `line` is the spreadsheet's row number (the header is 1); 0 means the file as a whole. */
export interface RowProblem {
	line: number;
	problem: ProblemKind;
	code?: string;
	column?: Column;
	value?: string;
	otherLine?: number;
}

export const flagKinds = ['more-than-population', 'changed-more-than-3x'] as const;
export interface RowFlag {
	line: number;
	code: string;
	name: string;
	flag: (typeof flagKinds)[number];
	users: number;
	compared: number;
	comparedYear?: number;
}

export interface BaselineCsv {
	/** Every row with a figure that passed its checks: for a preview beside the problems. */
	rows: BaselineRow[];
	/** What may be saved: nothing while the file has any problem. Flags still need a confirmation. */
	toSave: BaselineRow[];
	problems: RowProblem[];
	flags: RowFlag[];
	limits: typeof limits & { minYear: number; maxYear: number };
}

function whole(line: number, problem: ProblemKind): BaselineCsv['problems'] {
	return [{ line, problem }];
}

/** What is wrong with a count read by `readCount`, if anything. */
export function usersProblem(users: number | undefined): ProblemKind | undefined {
	if (users === undefined) return 'bad-number';
	if (users < 0) return 'negative';
	if (users === 0) return 'zero';
	if (users > limits.maxUsers) return 'too-big';
}

function latestBefore(known: KnownBaseline[], key: string, year: number) {
	let latest: KnownBaseline | undefined;
	for (const k of known)
		if (k.key === key && k.year < year && (!latest || k.year > latest.year)) latest = k;
	return latest;
}

interface Sheet {
	header: Header;
	byCode: Map<string, BaselineUnit>;
	/** Where each code was first seen, to name it when the code comes again. */
	firstLine: Map<string, number>;
	minYear: number;
	maxYear: number;
}

/** One row's problems, every one of them; the row itself when it has none. */
function readRow(record: string[], line: number, sheet: Sheet) {
	const problems: RowProblem[] = [];
	const [code, , typedUsers, typedYear, source] = columns.map((column) => {
		const at = sheet.header.at(column);
		if (at < 0) return '';
		const read = readCell(record[at] ?? '', limits.maxField);
		if ('text' in read) return read.text;
		problems.push({ line, problem: read.problem, column });
		return undefined;
	});
	const unit = code ? sheet.byCode.get(code) : undefined;
	if (code === '') problems.push({ line, problem: 'blank-code' });
	else if (code !== undefined && !unit)
		problems.push({ line, problem: 'unknown-code', value: code });
	if (unit) {
		const other = sheet.firstLine.get(unit.code);
		if (other) problems.push({ line, problem: 'duplicate-code', code, otherLine: other });
		else sheet.firstLine.set(unit.code, line);
	}
	const users = typedUsers === undefined ? undefined : readCount(typedUsers);
	const countProblem = typedUsers === undefined ? undefined : usersProblem(users);
	if (countProblem) problems.push({ line, problem: countProblem, code, value: typedUsers });
	const year = typedYear === undefined ? undefined : readYear(typedYear, sheet);
	if (typedYear !== undefined && year === undefined)
		problems.push({ line, problem: 'bad-year', code, value: typedYear });
	if (source === '') problems.push({ line, problem: 'blank-source', code });

	if (problems.length || !unit || users === undefined || !year || source === undefined)
		return { problems };
	const { key, name } = unit;
	return { problems, unit, row: { key, code: unit.code, name, year, users, source, line } };
}

function flagsOf(row: BaselineRow, unit: BaselineUnit, known: KnownBaseline[]): RowFlag[] {
	const flags: RowFlag[] = [];
	const flag = { line: row.line, code: row.code, name: row.name, users: row.users };
	if (unit.population !== undefined && row.users > unit.population)
		flags.push({ ...flag, flag: 'more-than-population', compared: unit.population });
	const before = latestBefore(known, row.key, row.year);
	if (before && (row.users > 3 * before.users || 3 * row.users < before.users))
		flags.push({
			...flag,
			flag: 'changed-more-than-3x',
			compared: before.users,
			comparedYear: before.year
		});
	return flags;
}

/**
 * Reads an uploaded baselines file, decoded as UTF-8 (`File.text()` does; bytes that are not UTF-8
 * arrive as U+FFFD). The code decides the area (the name column is for people only); a blank users
 * cell means no figure for that area in this file. Every problem is listed at once.
 */
export function parseBaselineCsv(
	text: string,
	units: BaselineUnit[],
	known: KnownBaseline[],
	options: { minYear?: number; maxYear?: number } = {}
): BaselineCsv {
	const { minYear = yearRange().minYear, maxYear = yearRange().maxYear } = options;
	const result: BaselineCsv = {
		rows: [],
		toSave: [],
		problems: [],
		flags: [],
		limits: { ...limits, minYear, maxYear }
	};
	if (text.includes('\u0000')) return { ...result, problems: whole(0, 'not-csv') };
	if (/\uFFFD/.test(text)) return { ...result, problems: whole(0, 'not-utf8') };
	if (text.replace(/^\uFEFF/, '').trim() === '') return { ...result, problems: whole(0, 'empty') };
	const header = readHeader(text);
	if (!header.ok) return { ...result, problems: whole(header.index + 1, 'bad-header') };

	let records: string[][];
	try {
		records = parse(text, { ...readOptions, delimiter: header.delimiter });
	} catch (e) {
		if (e instanceof CsvError) return { ...result, problems: whole(0, 'not-csv') };
		throw e;
	}
	const filled = records.flatMap((record, i) =>
		i > header.index && record.some((c) => c.trim() !== '') ? [{ record, line: i + 1 }] : []
	);
	if (filled.length > limits.maxRows)
		return { ...result, problems: whole(filled[limits.maxRows]!.line, 'too-many-rows') };

	const byCode = new Map(units.map((u) => [u.code, u]));
	if (byCode.size !== units.length) throw new Error('parseBaselineCsv: two units share a code');
	const sheet: Sheet = {
		header,
		byCode,
		firstLine: new Map(),
		minYear,
		maxYear
	};
	for (const { record, line } of filled) {
		if ((record[header.at('users')] ?? '').trim() === '') continue;
		const { problems, row, unit } = readRow(record, line, sheet);
		result.problems.push(...problems);
		if (!row || !unit) continue;
		result.rows.push(row);
		result.flags.push(...flagsOf(row, unit, known));
	}
	if (!result.problems.length && !result.rows.length) result.problems = whole(0, 'empty');
	if (!result.problems.length) result.toSave = result.rows;
	return result;
}

/** The message a person sees for a problem or a flag, numbers in their locale's format. */
export function baselineCsvMessage(
	t: TFunction,
	item: RowProblem | RowFlag,
	csvLimits: BaselineCsv['limits']
): string {
	if ('flag' in item) return t(`baselineCsv.flag.${item.flag}`, { ...item });
	const column = item.column ? t(`baselineCsv.column.${item.column}`) : '';
	return t(`baselineCsv.problem.${item.problem}`, { ...csvLimits, ...item, column });
}

/**
 * The file to download, fill in and upload again: one row per area with its latest known figure.
 * Comma-separated like every export here; uploads also accept what Excel in vi-VN saves (`;`).
 */
export function baselineTemplate(
	units: BaselineUnit[],
	known: KnownBaseline[],
	locale: Locale
): string {
	const labels = resources[locale].translation.baselineCsv.column;
	const rows = units.map((unit) => {
		const latest = latestBefore(known, unit.key, Infinity);
		return [unit.code, unit.name, latest?.users ?? '', latest?.year ?? '', latest?.source ?? ''];
	});
	return toCsv([columns.map((c) => labels[c]), ...rows]);
}
