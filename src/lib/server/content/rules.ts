import * as v from 'valibot';
import { audiences, scamTypes } from '../../content/vocabulary.ts';

/** Links in lessons must point at these official sites (or their sub-domains), over https. */
export const linkAllowlist = [
	'thongbaorac.ais.gov.vn',
	'khonggianmang.vn',
	'tinnhiemmang.vn',
	'dichvucong.gov.vn',
	'chinhphu.vn',
	'dongthap.gov.vn'
];

export const lessonMinutes = { min: 2, max: 5 };
/** Reading speed used to estimate a lesson's reading time (words, or Vietnamese syllables, a minute). */
export const wordsPerMinute = 200;
export const questionsPerQuiz = { min: 3, max: 6 };
export const optionsPerQuestion = { min: 2, max: 6 };

const line = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(300));
const slugTag = v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case'));
const audienceList = v.pipe(
	v.array(v.picklist(audiences, `must be one of ${audiences.join(', ')}`)),
	v.minLength(1, 'needs at least one audience tag')
);

export const CourseFrontMatter = v.strictObject({
	title: line,
	summary: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(400)),
	audience: audienceList,
	minutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(300)),
	tags: v.pipe(v.array(slugTag), v.minLength(1, 'needs at least one tag')),
	order: v.pipe(v.number(), v.integer(), v.minValue(0))
});

export const LessonFrontMatter = v.strictObject({
	title: line,
	minutes: v.pipe(
		v.number(),
		v.integer(),
		v.minValue(lessonMinutes.min, `must be at least ${lessonMinutes.min}`),
		v.maxValue(lessonMinutes.max, `must be at most ${lessonMinutes.max}`)
	),
	audience: audienceList,
	scam: v.optional(v.picklist(scamTypes, `must be one of ${scamTypes.join(', ')}`)),
	takeaway: line,
	action: line,
	report: line
});

export const QuizFrontMatter = v.strictObject({
	passMark: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))
});

/** Letters that only Vietnamese uses among the two locales (đ, and vowels with Vietnamese marks). */
const vietnameseLetter = /[ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;

function words(text: string): string[] {
	return text.split(/[\s.,;:!?()"“”'‘’«»/…–—-]+/).filter((w) => w.length > 1);
}

export function wordCount(text: string): number {
	return text.split(/\s+/).filter((w) => /\p{L}|\p{N}/u.test(w)).length;
}

/** True when a piece of text reads as Vietnamese: several words, most of them with Vietnamese marks. */
export function looksVietnamese(text: string): boolean {
	const all = words(text);
	const marked = all.filter((w) => vietnameseLetter.test(w)).length;
	return marked >= 3 && marked / all.length >= 0.3;
}

/** True when a long Vietnamese text has almost no marks: English pasted in, or typed without diacritics. */
export function lacksDiacritics(text: string): boolean {
	const all = words(text);
	if (all.length < 12) return false;
	return all.filter((w) => vietnameseLetter.test(w)).length / all.length < 0.15;
}

/**
 * One spelling of tone marks across the catalogue: the traditional placement used in government
 * documents ("khóa", "hòa", "thủy"), not the newer one ("khoá", "hoà", "thuỷ").
 */
const newStyleTone = /(?<![qQ])(?:[oO][áàảãạéèẻẽẹ]|[uU][ýỳỷỹỵ])(?![\p{L}])/u;

export function newStyleToneMark(text: string): string | null {
	const word = text.split(/\s+/).find((w) => newStyleTone.test(w));
	return word ?? null;
}
