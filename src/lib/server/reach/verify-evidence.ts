import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { provinceDay } from '../dates';
import { asideAt } from '../dashboard/rollups-at';
import { countsAsSince } from './definition';
import {
	closedYears,
	everyoneWhoLearned,
	heldPeople,
	latePeople,
	rejectedPeople
} from './evidence';

/** How the tiers add up: everyone who learned is counted, held or rejected; a closed year's issued and late make its figure. */
export interface EvidenceCheck {
	everyone: number;
	official: number;
	held: number;
	rejected: number;
	/** Areas where the rollups' held or rejected count (what the dashboard shows) differs from the recount. */
	asideWrong: string[];
	years: {
		year: number;
		issued: number | null;
		late: number;
		now: number;
		/** Null when what counts changed since it was issued (then no sum is expected). */
		adds: boolean | null;
	}[];
	ok: boolean;
}

/** The province's people reached by the end of `day`, unrounded, from the rollups. */
async function officialBy(db: Db, day: string): Promise<number> {
	const [row] = (await db.all(sql`SELECT count(*) AS n FROM reach_firsts
		WHERE area = 'province' AND dim = 'all' AND kind = 'reached' AND first_day <= ${day}`)) as {
		n: number;
	}[];
	return Number(row?.n ?? 0);
}

/**
 * Checks the tiers against the raw events (catch up first): every person with learning that reaches is
 * in exactly one of official, held and rejected; the held and rejected the dashboard reads from the
 * rollups equal their recount in every area; for each closed year, the issued figure plus the late
 * people equal the year's figure today.
 */
export async function verifyEvidence(db: Db, today = provinceDay()): Promise<EvidenceCheck> {
	const everyone = await everyoneWhoLearned(db, today);
	const official = await officialBy(db, today);
	const recount = { held: await heldPeople(db, today), rejected: await rejectedPeople(db, today) };
	const rolled = await asideAt(db, today);
	const asideWrong = (['held', 'rejected'] as const).flatMap((tier) =>
		[...new Set([...recount[tier].keys(), ...rolled[tier].keys()])]
			.filter((area) => recount[tier].get(area) !== rolled[tier].get(area))
			.map(
				(area) =>
					`${tier} ${area}: ${rolled[tier].get(area) ?? 0} shown, ${recount[tier].get(area) ?? 0} recounted`
			)
	);
	const held = recount.held.get('province') ?? 0;
	const rejected = recount.rejected.get('province') ?? 0;
	const years: EvidenceCheck['years'] = [];
	for (const p of await closedYears(db)) {
		const issued = JSON.parse(p.issued) as {
			definitionVersion: number;
			exact?: { reached: number };
		};
		const late = (await latePeople(db, p)).get('province') ?? 0;
		const now = await officialBy(db, `${p.year}-12-31`);
		const exact = issued.exact?.reached ?? null;
		years.push({
			year: p.year,
			issued: exact,
			late,
			now,
			adds:
				issued.definitionVersion >= countsAsSince && exact !== null ? exact + late === now : null
		});
	}
	const ok =
		everyone === official + held + rejected &&
		!asideWrong.length &&
		years.every((y) => y.adds !== false);
	return { everyone, official, held, rejected, asideWrong, years, ok };
}
