import { createHash } from 'node:crypto';
import * as v from 'valibot';
import type {
	Catalogue,
	Course,
	CourseText,
	Lesson,
	LessonText,
	Question,
	Quiz
} from '../../content/types.ts';
import { locales, sourceLocale, type Locale } from '../../content/vocabulary.ts';
import { splitFrontMatter } from './front-matter.ts';
import { renderBlock, renderInline } from './markdown.ts';
import { optionId, parseQuizBody, type RawQuestion } from './quiz.ts';
import {
	CourseFrontMatter,
	lacksDiacritics,
	LessonFrontMatter,
	newStyleToneMark,
	lessonMinutes,
	looksVietnamese,
	QuizFrontMatter,
	wordCount,
	wordsPerMinute
} from './rules.ts';

export interface ContentProblem {
	path: string;
	reason: string;
}

/** Content files keyed by their path under content/, e.g. `courses/online-scams/course.vi.md`. */
export type ContentFiles = Record<string, string>;

const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const courseFile = /^course\.(vi|en)\.md$/;
const lessonFile = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)(\.quiz)?\.(vi|en)\.md$/;

class Problems {
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

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

function checkLanguage(problems: Problems, path: string, locale: Locale, texts: string[]): void {
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

function rendered(problems: Problems, path: string, source: string, inline = false) {
	const out = inline ? renderInline(source) : renderBlock(source);
	for (const p of out.problems) problems.add(path, p);
	return out;
}

function loadCourse(problems: Problems, slug: string, files: Map<string, string>): Course | null {
	const base = `courses/${slug}`;
	const count = problems.list.length;
	if (!slugPattern.test(slug))
		problems.add(base, 'course folder name must be lower-case letters, digits and dashes');

	type LessonRef = { position: number; slug: string };
	const lessonRefs: Record<Locale, Map<string, LessonRef>> = { vi: new Map(), en: new Map() };
	for (const name of files.keys()) {
		if (courseFile.test(name)) continue;
		const m = lessonFile.exec(name);
		if (!m) {
			problems.add(
				`${base}/${name}`,
				'unexpected file: expected course.<vi|en>.md, NN-<slug>.<vi|en>.md or NN-<slug>.quiz.<vi|en>.md'
			);
			continue;
		}
		const [, num = '', lessonSlug = '', quiz, locale] = m;
		if (quiz) continue;
		const refs = lessonRefs[locale as Locale];
		const clash = [...refs.values()].find(
			(r) => r.slug === lessonSlug || r.position === Number(num)
		);
		if (clash) {
			problems.add(
				`${base}/${name}`,
				clash.slug === lessonSlug
					? `duplicate lesson slug "${lessonSlug}" (also lesson ${String(clash.position).padStart(2, '0')})`
					: `duplicate lesson number ${num}`
			);
			continue;
		}
		refs.set(`${num}-${lessonSlug}`, { position: Number(num), slug: lessonSlug });
	}

	const texts = {} as Record<Locale, CourseText>;
	let meta: v.InferOutput<typeof CourseFrontMatter> | null = null;
	for (const locale of locales) {
		const path = `${base}/course.${locale}.md`;
		const raw = files.get(`course.${locale}.md`);
		if (raw === undefined) {
			problems.add(path, `missing: every course needs course.${locale}.md`);
			continue;
		}
		const parsed = problems.parse(path, raw);
		const fm = parsed && problems.schema(path, CourseFrontMatter, parsed.data);
		if (!parsed || !fm) continue;
		if (
			meta &&
			(meta.order !== fm.order ||
				meta.minutes !== fm.minutes ||
				!sameList(meta.audience, fm.audience) ||
				!sameList(meta.tags, fm.tags))
		) {
			problems.add(path, 'order, minutes, audience and tags must be the same in every locale');
		}
		meta ??= fm;
		const intro = rendered(problems, path, parsed.body);
		checkLanguage(problems, path, locale, [fm.title, fm.summary, ...parsed.body.split(/\n\s*\n/)]);
		texts[locale] = { title: fm.title, summary: fm.summary, introHtml: intro.html };
	}

	for (const [locale, other] of [
		['vi', 'en'],
		['en', 'vi']
	] as const) {
		for (const key of lessonRefs[locale].keys()) {
			if (!lessonRefs[other].has(key)) {
				problems.add(
					`${base}/${key}.${other}.md`,
					`missing: lesson ${key} exists in ${locale} but not in ${other}`
				);
			}
		}
	}
	const lessons: Lesson[] = [];
	const keys = [...lessonRefs[sourceLocale].keys()].filter((k) => lessonRefs.en.has(k)).sort();
	for (const key of keys) {
		const lesson = loadLesson(problems, base, key, lessonRefs[sourceLocale].get(key)!, files);
		if (lesson) lessons.push(lesson);
	}
	if (keys.length === 0) problems.add(base, 'a course needs at least one lesson');
	if (!meta || problems.list.length > count) return null;
	return {
		slug,
		order: meta.order,
		minutes: meta.minutes,
		audience: meta.audience,
		tags: meta.tags,
		text: texts,
		lessons
	};
}

function loadLesson(
	problems: Problems,
	base: string,
	key: string,
	ref: { position: number; slug: string },
	files: Map<string, string>
): Lesson | null {
	const count = problems.list.length;
	const text = {} as Record<Locale, LessonText>;
	let meta: v.InferOutput<typeof LessonFrontMatter> | null = null;
	for (const locale of locales) {
		const path = `${base}/${key}.${locale}.md`;
		const parsed = problems.parse(path, files.get(`${key}.${locale}.md`));
		const fm = parsed && problems.schema(path, LessonFrontMatter, parsed.data);
		if (!parsed || !fm) continue;
		if (
			meta &&
			(meta.minutes !== fm.minutes ||
				meta.scam !== fm.scam ||
				!sameList(meta.audience, fm.audience))
		) {
			problems.add(path, 'minutes, audience and scam must be the same in every locale');
		}
		meta ??= fm;
		const body = rendered(problems, path, parsed.body);
		const estimate = Math.ceil(wordCount(body.text) / wordsPerMinute);
		if (estimate > lessonMinutes.max) {
			problems.add(
				path,
				`reads in about ${estimate} minutes; a lesson must read in ${lessonMinutes.max} minutes or less`
			);
		}
		checkLanguage(problems, path, locale, [
			fm.title,
			fm.takeaway,
			fm.action,
			fm.report,
			...parsed.body.split(/\n\s*\n/)
		]);
		text[locale] = {
			title: fm.title,
			html: body.html,
			takeaway: fm.takeaway,
			action: fm.action,
			report: fm.report
		};
	}
	const quiz = loadQuiz(problems, base, key, files);
	if (!meta || !quiz || problems.list.length > count) return null;
	return {
		slug: ref.slug,
		position: ref.position,
		minutes: meta.minutes,
		audience: meta.audience,
		scam: meta.scam ?? null,
		text,
		quiz
	};
}

function loadQuiz(
	problems: Problems,
	base: string,
	key: string,
	files: Map<string, string>
): Quiz | null {
	const count = problems.list.length;
	const raws = {} as Record<Locale, { passMark: number; questions: RawQuestion[] }>;
	for (const locale of locales) {
		const path = `${base}/${key}.quiz.${locale}.md`;
		const raw = files.get(`${key}.quiz.${locale}.md`);
		if (raw === undefined) {
			problems.add(path, 'missing: every lesson ends with a quiz in every locale');
			continue;
		}
		const parsed = problems.parse(path, raw);
		const fm = parsed && problems.schema(path, QuizFrontMatter, parsed.data);
		if (!parsed || !fm) continue;
		const { questions, problems: found } = parseQuizBody(parsed.body);
		for (const p of found) problems.add(path, p);
		raws[locale] = { passMark: fm.passMark, questions };
	}
	const source = raws[sourceLocale];
	const english = raws.en;
	if (!source || !english || problems.list.length > count) return null;

	const enPath = `${base}/${key}.quiz.en.md`;
	if (source.passMark !== english.passMark)
		problems.add(enPath, 'passMark must be the same in every locale');
	if (
		!sameList(
			source.questions.map((q) => q.id),
			english.questions.map((q) => q.id)
		)
	) {
		problems.add(enPath, 'questions must have the same ids in the same order in every locale');
		return null;
	}
	const questions: Question[] = source.questions.map((q, i) => {
		const en = english.questions[i]!;
		const marks = (x: RawQuestion) => x.options.map((o) => o.correct);
		if (q.kind !== en.kind || !sameList(marks(q), marks(en))) {
			problems.add(
				enPath,
				`question "${q.id}" must have the same kind, options and right answers in every locale`
			);
		}
		const question: Question = {
			id: q.id,
			kind: q.kind,
			optionIds: q.options.map((_, n) => optionId(n)),
			correct: q.options.flatMap((o, n) => (o.correct ? [optionId(n)] : [])),
			text: {} as Question['text']
		};
		for (const locale of locales) {
			const path = `${base}/${key}.quiz.${locale}.md`;
			const raw = raws[locale].questions[i]!;
			const prompt = rendered(problems, path, raw.prompt);
			const options = raw.options.map((o) => rendered(problems, path, o.text, true));
			const explanation = rendered(problems, path, raw.explanation);
			checkLanguage(problems, path, locale, [
				prompt.text,
				...options.map((o) => o.text),
				explanation.text
			]);
			question.text[locale] = {
				promptHtml: prompt.html,
				optionsHtml: options.map((o) => o.html),
				explanationHtml: explanation.html
			};
		}
		return question;
	});
	if (problems.list.length > count) return null;
	return { passMark: source.passMark, questions };
}

/** Validates every course and builds the catalogue; a course with any problem is left out of it. */
export function buildCatalogue(files: ContentFiles): {
	catalogue: Catalogue;
	problems: ContentProblem[];
} {
	const problems = new Problems();
	const byCourse = new Map<string, Map<string, string>>();
	for (const [path, raw] of Object.entries(files)) {
		const m = /^courses\/([^/]+)\/([^/]+)$/.exec(path);
		if (!m) {
			problems.add(path, 'unexpected file: course files live in courses/<course-slug>/');
			continue;
		}
		const [, course = '', name = ''] = m;
		if (!byCourse.has(course)) byCourse.set(course, new Map());
		byCourse.get(course)!.set(name, raw);
	}
	const courses: Course[] = [];
	for (const [slug, courseFiles] of [...byCourse].sort(([a], [b]) => a.localeCompare(b))) {
		const course = loadCourse(problems, slug, courseFiles);
		if (!course) continue;
		const clash = courses.find((c) => c.order === course.order);
		if (clash)
			problems.add(
				`courses/${slug}/course.vi.md`,
				`order ${course.order} is already used by course "${clash.slug}"`
			);
		else courses.push(course);
	}
	courses.sort((a, b) => a.order - b.order);
	const hash = createHash('sha256');
	for (const path of Object.keys(files).sort())
		hash.update(path).update('\0').update(files[path]!).update('\0');
	return {
		catalogue: { courses, version: hash.digest('hex').slice(0, 12) },
		problems: problems.list
	};
}
