import * as v from 'valibot';
import type { Course, CourseText, Lesson } from '../../content/types.ts';
import { locales, sourceLocale, type Locale } from '../../content/vocabulary.ts';
import { loadLesson } from './load-lesson.ts';
import { checkLanguage, rendered, sameList, type Problems } from './problems.ts';
import { CourseFrontMatter } from './rules.ts';

const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const courseFile = /^course\.(vi|en)\.md$/;
const lessonFile = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)(\.quiz)?\.(vi|en)\.md$/;

/** One course folder: its course files, then each lesson present in both locales, in number order. */
export function loadCourse(
	problems: Problems,
	slug: string,
	files: Map<string, string>
): Course | null {
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
