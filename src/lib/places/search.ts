import type { PlaceOption } from './types';

/** Lower case without tone or vowel marks: 'Phường Mỹ Thọ' → 'phuong my tho'. */
export function fold(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/đ/g, 'd');
}

const words = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Words naming the kind of unit, in either language, and which kind they name. */
const kindWords: Record<string, string> = {
	xa: 'commune',
	commune: 'commune',
	phuong: 'ward',
	ward: 'ward'
};

/** How a typed word meets a word of a name; lower is better. */
const whole = 0;
const prefix = 1;
const within = 2;
const none = 3;

function fit(typed: string, word: string): number {
	if (word === typed) return whole;
	if (word.startsWith(typed)) return prefix;
	return word.includes(typed) ? within : none;
}

interface Score {
	option: PlaceOption;
	/** 1 when a kind word was typed (xã, phường, ward, commune) and this unit is of another kind. */
	otherKind: number;
	/** Typed words that meet the name with their marks as typed: more is better. */
	sameMarks: number;
	fit: number;
}

function score(option: PlaceOption, typed: string[]): Score | null {
	const marked = words(option.name.normalize('NFC').toLocaleLowerCase('vi'));
	const plain = marked.map(fold);
	const kind = plain.map((w) => kindWords[w]).find(Boolean);
	const joined = plain.join('');
	// Kind words typed beside a name ("phuong my tho") say what kind to prefer, not what to find.
	const onlyKinds = typed.every((w) => kindWords[fold(w)]);
	let otherKind = 0;
	let exact = 0;
	let worst = whole;
	for (const word of typed) {
		const folded = fold(word);
		const wantedKind = onlyKinds ? undefined : kindWords[folded];
		if (wantedKind && wantedKind === kind) {
			if (marked.includes(word)) exact++;
			continue;
		}
		let best = Math.min(...plain.map((w) => fit(folded, w)));
		// Typed without spaces ("mytho") still finds the name, last.
		if (best === none && joined.includes(folded)) best = within;
		if (wantedKind && best !== whole) {
			otherKind = 1;
			continue;
		}
		if (best === none) return null;
		if (marked.some((w) => fit(word, w) === best)) exact++;
		worst = Math.max(worst, best);
	}
	return { option, otherKind, sameMarks: exact, fit: worst };
}

const collator = new Intl.Collator('vi');

/**
 * The places whose name holds every typed word (marks and case aside), best first: units of the kind
 * typed (if one was); more words meeting the name with their marks as typed ("my tho": Phường Mỹ Tho
 * before Xã Mỹ Thọ); whole words, then prefixes, then parts of words; `first` options; name order.
 * Nothing typed: the `first` options alone.
 */
export function searchPlaces(options: PlaceOption[], query: string, limit = 10): PlaceOption[] {
	const typed = words(query.normalize('NFC').toLocaleLowerCase('vi'));
	if (!typed.length)
		return options
			.filter((o) => o.first)
			.sort((a, b) => collator.compare(a.name, b.name))
			.slice(0, limit);
	return options
		.map((o) => score(o, typed))
		.filter((s): s is Score => s !== null)
		.sort(
			(a, b) =>
				a.otherKind - b.otherKind ||
				b.sameMarks - a.sameMarks ||
				a.fit - b.fit ||
				Number(!!b.option.first) - Number(!!a.option.first) ||
				collator.compare(a.option.name, b.option.name)
		)
		.slice(0, limit)
		.map((s) => s.option);
}
