import * as v from 'valibot';
import type { Locale } from '$lib/content/vocabulary';
import data from '../../../content/agency.json';

const names = v.strictObject({
	province: v.pipe(v.string(), v.minLength(3)),
	lead: v.pipe(v.string(), v.minLength(3)),
	police: v.pipe(v.string(), v.minLength(3))
});

const letterhead = v.strictObject({
	governing: v.pipe(v.string(), v.minLength(3)),
	issuer: v.pipe(v.string(), v.minLength(3))
});

/**
 * The agencies named on the site and in reports, read from content/agency.json (a deployment edits the
 * file, not the code): the provincial People's Committee, the lead department for the plan, the police.
 */
const agency = v.parse(
	v.object({
		vi: names,
		en: names,
		document: v.strictObject({
			place: v.pipe(v.string(), v.minLength(2)),
			symbol: v.pipe(v.string(), v.regex(/^[A-ZĐ0-9-]{2,20}$/)),
			letterhead: v.object({ vi: letterhead, en: letterhead })
		})
	}),
	data
);

export function agencyNames(locale: Locale): v.InferOutput<typeof names> {
	return agency[locale];
}

/** How the lead department numbers and dates its reports: "Số: 12/BC-<symbol>", "<place>, ngày …". */
export function documentStyle(locale: Locale) {
	const { place, symbol, letterhead } = agency.document;
	return { place, symbol, ...letterhead[locale] };
}
