import type { QuestionKind } from '../../content/types.ts';
import { optionsPerQuestion, questionsPerQuiz } from './rules.ts';

/** One question as written in a quiz file, before rendering. */
export interface RawQuestion {
	id: string;
	kind: QuestionKind;
	prompt: string;
	options: { text: string; correct: boolean }[];
	explanation: string;
}

const heading = /^##\s+(.*)$/;
const optionLine = /^[-*]\s+\[( |x|X)\]\s+(.+)$/;
const idAndKind = /^([a-z0-9]+(?:-[a-z0-9]+)*)\s+(single|multiple)$/;

export function optionId(index: number): string {
	return String.fromCharCode(97 + index);
}

/**
 * Parses a quiz body: each `## <id> <single|multiple>` section holds a prompt, one task list of options
 * (`- [x]` right, `- [ ]` wrong) and, after it, the explanation. Returns the questions and any problems.
 */
export function parseQuizBody(body: string): { questions: RawQuestion[]; problems: string[] } {
	const problems: string[] = [];
	const questions: RawQuestion[] = [];
	const sections: { title: string; lines: string[] }[] = [];
	const preamble: string[] = [];
	for (const line of body.split(/\r?\n/)) {
		const h = heading.exec(line);
		if (h) sections.push({ title: (h[1] ?? '').trim(), lines: [] });
		else (sections.at(-1)?.lines ?? preamble).push(line);
	}
	if (preamble.join('').trim())
		problems.push(
			'text before the first question: start each question with "## <id> single|multiple"'
		);

	for (const section of sections) {
		const head = idAndKind.exec(section.title);
		if (!head) {
			problems.push(
				`question heading "## ${section.title}" must be "## <kebab-case-id> single" or "## <kebab-case-id> multiple"`
			);
			continue;
		}
		const [, id = '', kind] = head;
		const where = `question "${id}"`;
		const optionRows = section.lines
			.map((line, index) => ({ index, match: optionLine.exec(line.trim()) }))
			.filter((row) => row.match);
		if (optionRows.length === 0) {
			problems.push(`${where} has no options (write them as "- [ ] wrong" and "- [x] right")`);
			continue;
		}
		const first = optionRows[0]!.index;
		const last = optionRows.at(-1)!.index;
		if (last - first + 1 !== optionRows.length) {
			problems.push(`${where}: options must be one list, with no other lines between them`);
			continue;
		}
		const options = optionRows.map((row) => ({
			text: row.match![2]!.trim(),
			correct: row.match![1] !== ' '
		}));
		const prompt = section.lines.slice(0, first).join('\n').trim();
		const explanation = section.lines
			.slice(last + 1)
			.join('\n')
			.trim();
		const correctCount = options.filter((o) => o.correct).length;
		if (!prompt) problems.push(`${where} has no question text before its options`);
		if (!explanation) problems.push(`${where} has no explanation after its options`);
		if (options.length < optionsPerQuestion.min || options.length > optionsPerQuestion.max) {
			problems.push(
				`${where} has ${options.length} options; it needs ${optionsPerQuestion.min} to ${optionsPerQuestion.max}`
			);
		}
		if (correctCount === 0) problems.push(`${where} has no correct option (mark one with [x])`);
		else if (kind === 'single' && correctCount > 1) {
			problems.push(
				`${where} is single choice but marks ${correctCount} options correct (use "multiple")`
			);
		} else if (kind === 'multiple' && correctCount === 1) {
			problems.push(`${where} is multiple choice but marks only one option correct (use "single")`);
		}
		if (questions.some((q) => q.id === id)) problems.push(`duplicate question id "${id}"`);
		questions.push({ id, kind: kind as QuestionKind, prompt, options, explanation });
	}
	if (questions.length < questionsPerQuiz.min || questions.length > questionsPerQuiz.max) {
		problems.push(
			`a quiz needs ${questionsPerQuiz.min} to ${questionsPerQuiz.max} questions; this one has ${questions.length}`
		);
	}
	return { questions, problems };
}
