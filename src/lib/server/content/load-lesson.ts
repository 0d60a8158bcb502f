import * as v from 'valibot';
import type { Lesson, LessonText } from '../../content/types.ts';
import { locales, type Locale } from '../../content/vocabulary.ts';
import { loadQuiz } from './load-quiz.ts';
import { checkLanguage, rendered, sameList, type Problems } from './problems.ts';
import { LessonFrontMatter, lessonMinutes, wordCount, wordsPerMinute } from './rules.ts';

/** One lesson in every locale, with its quiz; null when any of its files has a problem. */
export function loadLesson(
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
