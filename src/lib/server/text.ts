import * as v from 'valibot';

/**
 * What no one-line name or title needs and what disguises text on a screen, a poster or in a CSV:
 * control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional embeddings,
 * overrides and isolates that reorder what is shown (a title ending `\u202Egnp.exe` reads `exe.png`).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const hidden = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/**
 * Characters that show nothing: spaces, format characters (zero-width space and joiners, word joiner,
 * byte-order mark, soft hyphen...) and the blank letters used to fake an empty name (Hangul fillers,
 * the blank Braille pattern).
 */
const invisible = /[\s\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/gu;

/** Trimmed and in NFC, so that one title typed on two keyboards is stored as the same text. */
export function cleanText(value: string): string {
	return value.trim().normalize('NFC');
}

/** How many characters of the text can be seen. */
export function visibleLength(value: string): number {
	return value.replace(invisible, '').length;
}

/** Why a typed line is refused, if it is: hidden characters, or nothing visible though not empty. */
export function textProblem(value: string): 'hidden' | 'invisible' | null {
	if (hidden.test(value)) return 'hidden';
	return value !== '' && visibleLength(value) === 0 ? 'invisible' : null;
}

/**
 * The rule for every name, title, place, topic or source a person types: cleaned (`cleanText`), no
 * hidden characters (`error.text.hidden`), not only invisible ones (`error.text.invisible`), and from
 * `min` visible to `max` characters (`lengthKey`). Each message is an i18n key.
 */
export function lineOfText(min: number, max: number, lengthKey: string) {
	return v.pipe(
		v.string(lengthKey),
		v.transform(cleanText),
		v.check((s) => textProblem(s) !== 'hidden', 'error.text.hidden'),
		v.check((s) => textProblem(s) !== 'invisible', 'error.text.invisible'),
		v.check((s) => visibleLength(s) >= min, lengthKey),
		v.maxLength(max, lengthKey)
	);
}
