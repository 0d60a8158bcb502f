import type { Question, Quiz } from '../../content/types.ts';
import { locales, sourceLocale, type Locale } from '../../content/vocabulary.ts';
import { checkLanguage, rendered, sameList, type Problems } from './problems.ts';
import { optionId, parseQuizBody, type RawQuestion } from './quiz.ts';
import { QuizFrontMatter } from './rules.ts';

/** A lesson's quiz from its two locale files: the same questions, kinds and right answers in both. */
export function loadQuiz(
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
