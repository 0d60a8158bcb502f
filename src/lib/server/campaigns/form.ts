import * as v from 'valibot';
import { audiences } from '$lib/content/vocabulary';
import { getCatalogue } from '../content';
import type { Db } from '../db/client';
import { districtCodeOf } from '../areas';
import { activeRegions } from '../db/regions';
import { isIsoDay } from '../dates';
import { lineOfText } from '../text';

export interface CampaignInput {
	title: string;
	courses: string[];
	regions: string[];
	audience: string | null;
	targetSize: number;
	startsOn: string;
	endsOn: string;
}

const p = 'campaign.problem';
const Schema = v.object({
	title: lineOfText(3, 200, `${p}.title`),
	courses: v.pipe(
		v.array(v.string()),
		v.minLength(1, `${p}.courses`),
		v.maxLength(50, `${p}.courses`)
	),
	regions: v.pipe(
		v.array(v.string()),
		v.minLength(1, `${p}.regions`),
		v.maxLength(200, `${p}.regions`)
	),
	audience: v.union([v.literal(''), v.picklist(audiences)], `${p}.audience`),
	targetSize: v.pipe(
		v.string(),
		v.regex(/^\d{1,7}$/, `${p}.size`),
		v.transform(Number),
		v.minValue(1, `${p}.size`),
		v.maxValue(5_000_000, `${p}.size`)
	),
	startsOn: v.pipe(v.string(), v.check(isIsoDay, `${p}.startsOn`)),
	endsOn: v.pipe(v.string(), v.check(isIsoDay, `${p}.endsOn`))
});

export interface CampaignFormValues {
	title: string;
	courses: string[];
	regions: string[];
	audience: string;
	targetSize: string;
	startsOn: string;
	endsOn: string;
}

export type CampaignFormResult =
	{ ok: true; input: CampaignInput } | { ok: false; problem: string; values: CampaignFormValues };

/** Reads and checks the campaign form; `problem` is the i18n key of the first thing wrong. */
export async function readCampaignForm(db: Db, form: FormData): Promise<CampaignFormResult> {
	const values: CampaignFormValues = {
		title: form.get('title')?.toString() ?? '',
		courses: form.getAll('courses').map(String),
		regions: form.getAll('regions').map(String),
		audience: form.get('audience')?.toString() ?? '',
		targetSize: form.get('targetSize')?.toString().trim() ?? '',
		startsOn: form.get('startsOn')?.toString() ?? '',
		endsOn: form.get('endsOn')?.toString() ?? ''
	};
	const parsed = v.safeParse(Schema, values);
	if (!parsed.success) return { ok: false, problem: parsed.issues[0].message, values };
	const input = parsed.output;
	if (input.endsOn < input.startsOn)
		return { ok: false, problem: 'campaign.problem.endBeforeStart', values };
	const known = new Set(getCatalogue().courses.map((c) => c.slug));
	if (input.courses.some((c) => !known.has(c)))
		return { ok: false, problem: 'campaign.problem.unknownCourse', values };
	// A former district (`district:<code>`) stands for all its units of the active set.
	const active = await activeRegions(db);
	const regions = input.regions.flatMap((r) => {
		const code = districtCodeOf(r);
		return code === null ? [r] : active.filter((u) => u.districtCode === code).map((u) => u.id);
	});
	const regionIds = new Set(active.map((r) => r.id));
	if (!regions.length || regions.some((r) => !regionIds.has(r)))
		return { ok: false, problem: 'campaign.problem.regions', values };
	return {
		ok: true,
		input: {
			...input,
			courses: [...new Set(input.courses)],
			regions: [...new Set(regions)],
			audience: input.audience || null
		}
	};
}
