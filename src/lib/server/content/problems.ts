import * as v from 'valibot';
import type { Locale } from '../../content/vocabulary.ts';
import { splitFrontMatter } from './front-matter.ts';
import { renderBlock, renderInline } from './markdown.ts';
import { lacksDiacritics, looksVietnamese, newStyleToneMark } from './rules.ts';

export interface ContentProblem {
	path: string;
	reason: string;
}

/** Content files keyed by their path under content/, e.g. `courses/online-scams/course.vi.md`. */
export type ContentFiles = Record<string, string>;

/** What the content check found, each with its file; the loaders add to one list as they go. */
export class Problems {
	list: ContentProblem[] = [];
	add(path: string, reason: string): void {
		this.list.push({ path: `content/${path}`, reason });
	}
	schema<T extends v.GenericSchema>(
		path: string,
		schema: T,
		data: unknown
	): v.InferOutput<T> | null {
		const result = v.safeParse(schema, data);
		if (result.success) return result.output;
		for (const issue of result.issues) {
			const field = issue.path?.map((p) => String(p.key)).join('.') ?? '';
			const reason =
				issue.kind === 'schema' && issue.received === 'undefined'
					? `front matter field "${field}" is missing`
					: `front matter ${field ? `field "${field}" ` : ''}${issue.message}`;
			this.add(path, reason);
		}
		return null;
	}
	parse(path: string, raw: string | undefined): { data: unknown; body: string } | null {
		if (raw === undefined) return null;
		try {
			return splitFrontMatter(raw);
		} catch (error) {
			this.add(path, (error as Error).message);
			return null;
		}
	}
}

export function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function checkLanguage(
	problems: Problems,
	path: string,
	locale: Locale,
	texts: string[]
): void {
	for (const text of texts) {
		if (locale === 'en' && looksVietnamese(text)) {
			problems.add(path, `English page holds Vietnamese text: "${text.trim().slice(0, 80)}"`);
		} else if (locale === 'vi' && lacksDiacritics(text)) {
			problems.add(
				path,
				`Vietnamese page has almost no Vietnamese diacritics (English text, or typed without marks): "${text.trim().slice(0, 80)}"`
			);
		}
		const newStyle = locale === 'vi' ? newStyleToneMark(text) : null;
		if (newStyle) {
			problems.add(
				path,
				`"${newStyle}": place tone marks the traditional way used in government documents (khóa, hòa, thủy)`
			);
		}
	}
}

/** Markdown rendered to HTML; what the renderer refuses becomes a problem of this file. */
export function rendered(problems: Problems, path: string, source: string, inline = false) {
	const out = inline ? renderInline(source) : renderBlock(source);
	for (const p of out.problems) problems.add(path, p);
	return out;
}
