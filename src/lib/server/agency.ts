import * as v from 'valibot';
import type { Locale } from '$lib/content/vocabulary';
import data from '../../../content/agency.json';

const names = v.strictObject({
	province: v.pipe(v.string(), v.minLength(3)),
	lead: v.pipe(v.string(), v.minLength(3)),
	police: v.pipe(v.string(), v.minLength(3))
});

/**
 * The agencies named on the site and in reports, read from content/agency.json (a deployment edits the
 * file, not the code): the provincial People's Committee, the lead department for the plan, the police.
 */
const agency = v.parse(v.object({ vi: names, en: names }), data);

export function agencyNames(locale: Locale): v.InferOutput<typeof names> {
	return agency[locale];
}
