import { inArray } from 'drizzle-orm';
import * as v from 'valibot';
import type { Locale } from '../../content/vocabulary';
import type { Db } from '../db/client';
import { regions, users, type HoldStatus } from '../db/schema';
import { lineOfText } from '../text';
import { provinceMoment } from '../dates';
import { heldGroups } from './review';

/** A group as the review page lists it: what, where, when, how many, and what was decided. */
export interface HeldRow {
	id: string;
	reason: string;
	area: string;
	/** A day (YYYY-MM-DD) or an hour (YYYY-MM-DDTHH) in province time. */
	bucket: string;
	learners: number;
	notCounted: number;
	status: HoldStatus;
	decided: { by: string; at: string; note: string } | null;
}

/** Every group, those under review first (oldest first: they wait longest), then decided ones, newest first. */
export async function heldList(db: Db, locale: Locale): Promise<HeldRow[]> {
	const groups = await heldGroups(db);
	const areaIds = [...new Set(groups.map((g) => g.area))];
	const deciders = [...new Set(groups.flatMap((g) => (g.decidedBy ? [g.decidedBy] : [])))];
	const places = areaIds.length
		? await db
				.select({ id: regions.id, vi: regions.nameVi, en: regions.nameEn })
				.from(regions)
				.where(inArray(regions.id, areaIds))
		: [];
	const people = deciders.length
		? await db
				.select({ id: users.id, name: users.username })
				.from(users)
				.where(inArray(users.id, deciders))
		: [];
	const placeOf = new Map(places.map((p) => [p.id, locale === 'en' ? p.en : p.vi]));
	const personOf = new Map(people.map((p) => [p.id, p.name]));
	const open = groups
		.filter((g) => g.status === 'held')
		.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
	return [...open, ...groups.filter((g) => g.status !== 'held')].map((g) => ({
		id: g.id,
		reason: g.reason,
		area: placeOf.get(g.area) ?? g.area,
		bucket: g.bucket,
		learners: g.learners,
		notCounted: g.notCounted,
		status: g.status,
		decided:
			g.status === 'held' || !g.decidedAt
				? null
				: {
						by: (g.decidedBy && personOf.get(g.decidedBy)) ?? '—',
						at: provinceMoment(g.decidedAt, locale),
						note: g.note ?? ''
					}
	}));
}

/** An analyst's decision as posted: the group, release or reject, and why (in the audit log). */
export const decisionForm = v.object({
	id: v.pipe(v.string('held.error.gone'), v.minLength(1, 'held.error.gone'), v.maxLength(300)),
	decision: v.picklist(['released', 'rejected'], 'held.error.decision'),
	note: lineOfText(3, 500, 'held.error.note')
});
