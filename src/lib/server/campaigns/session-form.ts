import * as v from 'valibot';
import { formatDay } from '$lib/format';
import type { Db } from '../db/client';
import { findRegion } from '../db/regions';
import { findOwnCampaign } from './store';
import { addDays, isIsoDay, provinceDay } from '../dates';
import { lineOfText } from '../text';
import type { SessionInput } from './sessions';

/** The plan dates from 2022: no session it counts is older. */
export const earliestSessionDay = '2022-01-01';
/** Far enough to plan a term's talks and print their QR codes; a later date is a typo or a fake. */
export const sessionDaysAhead = 60;
export const maxCapacity = 5_000;

const p = 'session.problem';
const Schema = v.object({
	heldOn: v.pipe(v.string(), v.check(isIsoDay, `${p}.heldOn`)),
	place: lineOfText(2, 200, `${p}.place`),
	region: v.pipe(v.string(), v.minLength(1, `${p}.region`)),
	topic: lineOfText(2, 200, `${p}.topic`),
	campaign: v.string(),
	capacity: v.pipe(
		v.string(),
		v.regex(/^\d{1,4}$/, `${p}.capacity`),
		v.transform(Number),
		v.minValue(1, `${p}.capacity`),
		v.maxValue(maxCapacity, `${p}.capacity`)
	),
	selfReported: v.pipe(v.string(), v.regex(/^\d{0,6}$/, `${p}.attendance`))
});

export type Problem = { problem: string; params?: Record<string, string | number> };

/** A problem in the person's language, its days written as they write them. */
export function problemText(
	locals: Pick<App.Locals, 't' | 'locale'>,
	{ problem, params }: Problem
) {
	const local = Object.entries(params ?? {}).map(([k, value]) => [
		k,
		typeof value === 'string' && isIsoDay(value) ? formatDay(value, locals.locale) : value
	]);
	return locals.t(problem, Object.fromEntries(local));
}

/** A typed head count: a whole number, at most the place's capacity (checked-in people are not). */
export function readAttendance(raw: string, capacity: number): { value: number } | Problem {
	if (!/^\d{1,6}$/.test(raw)) return { problem: `${p}.attendance` };
	const value = Number(raw);
	if (value > capacity) return { problem: `${p}.overCapacity`, params: { count: value, capacity } };
	return { value };
}

/** A session's date: from 2022, at most 60 days ahead, within its campaign's dates. */
export function sessionDayProblem(
	heldOn: string,
	campaign: { startsOn: string; endsOn: string } | null,
	today = provinceDay()
): Problem | null {
	if (heldOn < earliestSessionDay) return { problem: `${p}.tooEarly` };
	const latest = addDays(today, sessionDaysAhead);
	if (heldOn > latest)
		return { problem: `${p}.tooLate`, params: { days: sessionDaysAhead, latest } };
	if (campaign && (heldOn < campaign.startsOn || heldOn > campaign.endsOn))
		return {
			problem: `${p}.outsideCampaign`,
			params: { from: campaign.startsOn, to: campaign.endsOn }
		};
	return null;
}

const fields = ['heldOn', 'place', 'region', 'topic', 'campaign', 'capacity', 'selfReported'];

/** Reads the in-person session form; `problem` is an i18n key. Attendance typed here is self-reported. */
export async function readSessionForm(
	db: Db,
	form: FormData,
	organizationId: string,
	today = provinceDay()
) {
	const values = Object.fromEntries(fields.map((k) => [k, form.get(k)?.toString().trim() ?? '']));
	const refuse = (problem: Problem) => ({ ok: false as const, ...problem, values });
	const parsed = v.safeParse(Schema, values);
	if (!parsed.success) return refuse({ problem: parsed.issues[0].message });
	const { heldOn, place, region, topic, campaign, capacity, selfReported } = parsed.output;
	if (!(await findRegion(db, region))) return refuse({ problem: `${p}.region` });
	const owned = campaign ? await findOwnCampaign(db, campaign, organizationId) : null;
	if (campaign && !owned) return refuse({ problem: `${p}.campaign` });
	const day = sessionDayProblem(heldOn, owned, today);
	if (day) return refuse(day);
	const attendance = selfReported === '' ? null : readAttendance(selfReported, capacity);
	if (attendance && 'problem' in attendance) return refuse(attendance);
	const input: SessionInput = {
		heldOn,
		place,
		regionId: region,
		topic,
		campaignId: campaign || null,
		capacity,
		selfReported: attendance ? attendance.value : null
	};
	return { ok: true as const, input };
}
