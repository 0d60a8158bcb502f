import { sql } from 'drizzle-orm';
import { ageBands } from '$lib/content/vocabulary';
import { districtArea, provinceArea } from '../areas';
import type { Db } from '../db/client';
import { provinceDay } from '../dates';
import { rollupsAt, sqlList as list } from './rollups-at';
import { shown, suppressColumn } from '../privacy';

/** The plan's targets: 80% of Internet users reached by the end of 2025, 90% by the end of 2030. */
export const targets = [
	{ share: 0.8, deadline: '2025-12-31' },
	{ share: 0.9, deadline: '2030-12-31' }
] as const;

export type Period = 'month' | 'quarter' | 'year';
export const periods: Period[] = ['month', 'quarter', 'year'];
export const breakdownDims = ['course', 'audience', 'age', 'campaign', 'orgtype'] as const;
export type BreakdownDim = (typeof breakdownDims)[number];

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);

export interface TargetGap {
	share: number;
	deadline: string;
	/** True when the area's count is hidden, so its gap is too. */
	hidden?: boolean;
	/** People still to reach (0 when met); null without a baseline. */
	gap: number | null;
	passed: boolean;
	/** People a month needed to close the gap by the deadline; null when passed or met. */
	perMonth: number | null;
}

export interface AreaFigures {
	id: string;
	name: string;
	reached: number | null;
	skilled: number | null;
	inPersonVerified: number | null;
	selfReported: number | null;
	baseline: { users: number; year: number; source: string; isDemo: boolean } | null;
	/** reached ÷ baseline, in percent with one decimal; null without a baseline or under the minimum group. */
	reachPct: number | null;
	targets: TargetGap[];
}

function monthsBetween(from: string, to: string): number {
	const [fy, fm] = from.split('-').map(Number) as [number, number];
	const [ty, tm] = to.split('-').map(Number) as [number, number];
	return Math.max(0, (ty - fy) * 12 + (tm - fm));
}

export function gaps(reached: number, baseline: number | null, today = provinceDay()): TargetGap[] {
	return targets.map(({ share, deadline }) => {
		const passed = today > deadline;
		if (baseline === null) return { share, deadline, gap: null, passed, perMonth: null };
		const gap = Math.max(0, Math.ceil(share * baseline) - reached);
		const months = monthsBetween(today, deadline) + 1;
		return {
			share,
			deadline,
			gap,
			passed,
			perMonth: passed || gap === 0 ? null : Math.ceil(gap / months)
		};
	});
}

/** An area's exact figures, before anything is hidden: never sent to a browser as they are. */
export interface RawArea {
	id: string;
	name: string;
	reached: number;
	skilled: number;
	inPersonVerified: number;
	selfReported: number;
	baseline: AreaFigures['baseline'];
}

/**
 * An in-person figure for every area at once (each region, each former district, the province), each
 * computed over its own sessions so distinct people stay distinct. A session counts on its own day:
 * one dated after `today` is in no report of today or before.
 */
async function inPersonByArea(
	db: Db,
	measure: 'count(DISTINCT c.learner_id)' | 'sum(s.self_reported)',
	today: string
): Promise<Map<string, unknown>> {
	const what = sql.raw(measure);
	const from =
		measure === 'sum(s.self_reported)'
			? sql`in_person_sessions s JOIN regions r ON r.id = s.region_id`
			: sql`checkins c JOIN in_person_sessions s ON s.id = c.session_id JOIN regions r ON r.id = c.region_id`;
	const region = measure === 'sum(s.self_reported)' ? sql`s.region_id` : sql`c.region_id`;
	const rows = (await db.all(sql`
		SELECT ${region} AS area, ${what} AS n FROM ${from} WHERE s.held_on <= ${today} GROUP BY ${region}
		UNION ALL
		SELECT ${districtArea('')} || r.district_code, ${what} FROM ${from} WHERE s.held_on <= ${today} GROUP BY r.district_code
		UNION ALL
		SELECT ${provinceArea}, ${what} FROM ${from} WHERE s.held_on <= ${today}`)) as Row[];
	return new Map(rows.map((r) => [String(r.area), r.n]));
}

/**
 * Exact reach per area (area keys: `areas.ts`) from the monthly rollups (never raw events), with
 * baselines and in-person figures. Each area counts distinct people itself: nothing here is a sum of
 * smaller areas, except a baseline made of every unit's when the area has none of its own.
 */
export async function rawAreas(
	db: Db,
	areas: { id: string; name: string; parts?: string[] }[],
	today = provinceDay()
): Promise<RawArea[]> {
	if (!areas.length) return [];
	const ids = list(areas.flatMap((a) => [a.id, ...(a.parts ?? [])]));
	const reach = (await db.all(sql`
		SELECT area, kind, sum(learners) AS n FROM (${rollupsAt('all', ids, today)}) GROUP BY area, kind`)) as Row[];
	const year = Number(today.slice(0, 4));
	const base = (await db.all(sql`
		SELECT b.area, b.year, b.internet_users, b.source, b.is_demo FROM baselines b
		WHERE b.area IN ${ids} AND b.year = (SELECT max(year) FROM baselines x WHERE x.area = b.area AND x.year <= ${year})`)) as Row[];
	const baselineOf = (id: string): RawArea['baseline'] => {
		const b = base.find((r) => r.area === id);
		return b
			? {
					users: n(b.internet_users),
					year: n(b.year),
					source: String(b.source),
					isDemo: !!b.is_demo
				}
			: null;
	};
	const verified = await inPersonByArea(db, 'count(DISTINCT c.learner_id)', today);
	const typed = await inPersonByArea(db, 'sum(s.self_reported)', today);
	const out: RawArea[] = [];
	for (const area of areas) {
		const of = (kind: string) => n(reach.find((r) => r.area === area.id && r.kind === kind)?.n);
		// Without a figure of its own, an area's baseline is its units' sum, only if every unit has one.
		const parts = (area.parts ?? []).map(baselineOf);
		const summed =
			parts.length && parts.every(Boolean)
				? {
						users: parts.reduce((s, b) => s + b!.users, 0),
						year: Math.max(...parts.map((b) => b!.year)),
						source: '',
						isDemo: parts.some((b) => b!.isDemo)
					}
				: null;
		out.push({
			id: area.id,
			name: area.name,
			reached: of('reached'),
			skilled: of('skilled'),
			inPersonVerified: n(verified.get(area.id)),
			selfReported: n(typed.get(area.id)),
			baseline: baselineOf(area.id) ?? summed
		});
	}
	return out;
}

/** Cumulative people reached in an area at the end of each period, from the first period with learning. */
export async function trend(db: Db, area: string, period: Period, today = provinceDay()) {
	const key =
		period === 'month'
			? sql`month`
			: period === 'year'
				? sql`substr(month, 1, 4)`
				: sql`substr(month, 1, 4) || '-Q' || ((cast(substr(month, 6, 2) AS integer) + 2) / 3)`;
	const rows = (await db.all(sql`
		SELECT ${key} AS period, kind, sum(learners) AS n FROM (${rollupsAt('all', list([area]), today)})
		GROUP BY 1, 2 HAVING sum(learners) > 0 ORDER BY 1`)) as Row[];
	const out: { period: string; reached: number | null; skilled: number | null }[] = [];
	let reached = 0;
	let skilled = 0;
	for (const p of [...new Set(rows.map((r) => String(r.period)))]) {
		reached += n(rows.find((r) => r.period === p && r.kind === 'reached')?.n);
		skilled += n(rows.find((r) => r.period === p && r.kind === 'skilled')?.n);
		out.push({ period: p, reached: shown(reached), skilled: shown(skilled) });
	}
	return out;
}

const ageOrder = (value: string) => {
	const at = (ageBands as readonly string[]).indexOf(value);
	return at < 0 ? ageBands.length : at;
};

/** People reached and skilled in an area by one breakdown (course, audience, age band, campaign, organization type). */
export async function breakdown(db: Db, area: string, dim: BreakdownDim, today = provinceDay()) {
	const rows = (await db.all(sql`
		SELECT value, kind, sum(learners) AS n FROM (${rollupsAt(dim, list([area]), today)})
		GROUP BY 1, 2 HAVING sum(learners) > 0`)) as Row[];
	const exact = [...new Set(rows.map((r) => String(r.value)))]
		.map((value) => ({
			value,
			reached: n(rows.find((r) => r.value === value && r.kind === 'reached')?.n),
			skilled: n(rows.find((r) => r.value === value && r.kind === 'skilled')?.n)
		}))
		// Age bands in their order (not yet said last), the rest largest first.
		.sort((a, b) =>
			dim === 'age' ? ageOrder(a.value) - ageOrder(b.value) : b.reached - a.reached
		);
	const reached = suppressColumn(exact.map((r) => r.reached));
	const skilled = suppressColumn(exact.map((r) => r.skilled));
	// As on the unit table: no skilled count beside a hidden count of learners.
	return exact.map((r, i) => ({
		value: r.value,
		reached: reached[i]!,
		skilled: reached[i] === null ? null : skilled[i]!
	}));
}
