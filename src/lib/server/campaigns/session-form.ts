import * as v from 'valibot';
import type { Db } from '../db/client';
import { findRegion } from '../db/regions';
import { findOwnCampaign } from './store';
import { isIsoDay } from '../dates';
import { lineOfText } from '../text';
import type { SessionInput } from './sessions';

const p = 'session.problem';
const Schema = v.object({
	heldOn: v.pipe(v.string(), v.check(isIsoDay, `${p}.heldOn`)),
	place: lineOfText(2, 200, `${p}.place`),
	region: v.pipe(v.string(), v.minLength(1, `${p}.region`)),
	topic: lineOfText(2, 200, `${p}.topic`),
	campaign: v.string(),
	selfReported: v.pipe(v.string(), v.regex(/^\d{0,6}$/, `${p}.attendance`))
});

/** Reads the in-person session form; `problem` is an i18n key. Attendance typed here is self-reported. */
export async function readSessionForm(db: Db, form: FormData, organizationId: string) {
	const values = Object.fromEntries(
		['heldOn', 'place', 'region', 'topic', 'campaign', 'selfReported'].map((k) => [
			k,
			form.get(k)?.toString().trim() ?? ''
		])
	);
	const parsed = v.safeParse(Schema, values);
	if (!parsed.success) return { ok: false as const, problem: parsed.issues[0].message, values };
	const { heldOn, place, region, topic, campaign, selfReported } = parsed.output;
	if (!(await findRegion(db, region)))
		return { ok: false as const, problem: 'session.problem.region', values };
	if (campaign && !(await findOwnCampaign(db, campaign, organizationId)))
		return { ok: false as const, problem: 'session.problem.campaign', values };
	const input: SessionInput = {
		heldOn,
		place,
		regionId: region,
		topic,
		campaignId: campaign || null,
		selfReported: selfReported === '' ? null : Number(selfReported)
	};
	return { ok: true as const, input };
}
