import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { provinceDay } from '../dates';
import { minGroupSize } from '../privacy';

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
const list = (ids: string[]) =>
	sql`(${sql.join(
		ids.map((id) => sql`${id}`),
		sql`, `
	)})`;

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

/** Hides counts of fewer than the minimum group; zero stays zero (it describes nobody). */
export function shown(value: number): number | null {
	return value === 0 || value >= minGroupSize ? value : null;
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

/** Exact reach per area from the monthly rollups (never raw events), with baselines and in-person figures. */
export async function rawAreas(
	db: Db,
	areas: { id: string; name: string }[],
	today = provinceDay()
): Promise<RawArea[]> {
	if (!areas.length) return [];
	const ids = list(areas.map((a) => a.id));
	const reach = (await db.all(sql`
		SELECT region_id, kind, sum(learners) AS n FROM reach_monthly
		WHERE dim = 'all' AND region_id IN ${ids} AND month <= ${today.slice(0, 7)} GROUP BY region_id, kind`)) as Row[];
	const verified = (await db.all(sql`
		SELECT region_id, count(DISTINCT learner_id) AS n FROM checkins WHERE region_id IN ${ids} GROUP BY region_id`)) as Row[];
	const typed = (await db.all(sql`
		SELECT region_id, sum(self_reported) AS n FROM in_person_sessions WHERE region_id IN ${ids} GROUP BY region_id`)) as Row[];
	const year = Number(today.slice(0, 4));
	const base = (await db.all(sql`
		SELECT b.region_id, b.year, b.internet_users, b.source, b.is_demo FROM baselines b
		WHERE b.region_id IN ${ids} AND b.year = (SELECT max(year) FROM baselines x WHERE x.region_id = b.region_id AND x.year <= ${year})`)) as Row[];
	return areas.map((area) => {
		const of = (rows: Row[], kind?: string) =>
			n(rows.find((r) => r.region_id === area.id && (!kind || r.kind === kind))?.n);
		const b = base.find((r) => r.region_id === area.id);
		return {
			id: area.id,
			name: area.name,
			reached: of(reach, 'reached'),
			skilled: of(reach, 'skilled'),
			inPersonVerified: of(verified),
			selfReported: of(typed),
			baseline: b
				? {
						users: n(b.internet_users),
						year: n(b.year),
						source: String(b.source),
						isDemo: !!b.is_demo
					}
				: null
		};
	});
}

/**
 * Hides a column's cells that describe 1 to 9 people. When exactly one is hidden and a total is shown,
 * the total minus the others would give it away, so the next smallest cell is hidden too.
 */
export function suppressColumn(values: number[]): (number | null)[] {
	const out = values.map(shown);
	if (out.filter((v) => v === null).length !== 1) return out;
	let next = -1;
	values.forEach((v, i) => {
		if (out[i] !== null && v > 0 && (next < 0 || v < values[next]!)) next = i;
	});
	if (next >= 0) out[next] = null;
	return out;
}

function figures(
	area: RawArea,
	shownCells: Pick<AreaFigures, 'reached' | 'skilled' | 'inPersonVerified' | 'selfReported'>,
	today: string
): AreaFigures {
	const visible = shownCells.reached !== null;
	return {
		id: area.id,
		name: area.name,
		...shownCells,
		baseline: area.baseline,
		// Reach % and the gaps would give away a hidden count: they show only with the count.
		reachPct:
			area.baseline && visible
				? Math.round((1000 * area.reached) / area.baseline.users) / 10
				: null,
		targets: gaps(area.reached, area.baseline?.users ?? null, today).map((g) =>
			visible ? g : { ...g, gap: null, perMonth: null, hidden: true }
		)
	};
}

/** What the dashboard shows of each area: small counts hidden (with secondary suppression per column). */
export function presentAreas(raw: RawArea[], today = provinceDay()): AreaFigures[] {
	const column = (pick: (a: RawArea) => number) => suppressColumn(raw.map(pick));
	const [reached, skilled, verified, typed] = [
		column((a) => a.reached),
		column((a) => a.skilled),
		column((a) => a.inPersonVerified),
		column((a) => a.selfReported)
	];
	return raw.map((area, i) =>
		figures(
			area,
			{
				reached: reached[i]!,
				skilled: skilled[i]!,
				inPersonVerified: verified[i]!,
				selfReported: typed[i]!
			},
			today
		)
	);
}

/**
 * The province line: exact sums of the districts (a person who learned in two districts counts in each);
 * its reach % only when every district has a baseline, since a partial sum would overstate it.
 */
export function provinceLine(raw: RawArea[], name: string, today = provinceDay()): AreaFigures {
	const sum = (pick: (a: RawArea) => number) => raw.reduce((s, a) => s + pick(a), 0);
	const complete = raw.length > 0 && raw.every((a) => a.baseline);
	const total: RawArea = {
		id: 'province',
		name,
		reached: sum((a) => a.reached),
		skilled: sum((a) => a.skilled),
		inPersonVerified: sum((a) => a.inPersonVerified),
		selfReported: sum((a) => a.selfReported),
		baseline: complete
			? {
					users: sum((a) => a.baseline!.users),
					year: Math.max(...raw.map((a) => a.baseline!.year)),
					source: '',
					isDemo: raw.some((a) => a.baseline!.isDemo)
				}
			: null
	};
	return figures(
		total,
		{
			reached: shown(total.reached),
			skilled: shown(total.skilled),
			inPersonVerified: shown(total.inPersonVerified),
			selfReported: shown(total.selfReported)
		},
		today
	);
}

/** Cumulative people reached at the end of each period, from the first period with learning. */
export async function trend(db: Db, ids: string[], period: Period, today = provinceDay()) {
	if (!ids.length) return [];
	const key =
		period === 'month'
			? sql`month`
			: period === 'year'
				? sql`substr(month, 1, 4)`
				: sql`substr(month, 1, 4) || '-Q' || ((cast(substr(month, 6, 2) AS integer) + 2) / 3)`;
	const rows = (await db.all(sql`
		SELECT ${key} AS period, kind, sum(learners) AS n FROM reach_monthly
		WHERE dim = 'all' AND region_id IN ${list(ids)} AND month <= ${today.slice(0, 7)} GROUP BY 1, 2 ORDER BY 1`)) as Row[];
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

/** People reached and skilled by one breakdown (course, audience, age band, campaign, organization type). */
export async function breakdown(db: Db, ids: string[], dim: BreakdownDim, today = provinceDay()) {
	if (!ids.length) return [];
	const rows = (await db.all(sql`
		SELECT value, kind, sum(learners) AS n FROM reach_monthly
		WHERE dim = ${dim} AND region_id IN ${list(ids)} AND month <= ${today.slice(0, 7)} GROUP BY 1, 2`)) as Row[];
	const exact = [...new Set(rows.map((r) => String(r.value)))]
		.map((value) => ({
			value,
			reached: n(rows.find((r) => r.value === value && r.kind === 'reached')?.n),
			skilled: n(rows.find((r) => r.value === value && r.kind === 'skilled')?.n)
		}))
		.sort((a, b) => b.reached - a.reached);
	const reached = suppressColumn(exact.map((r) => r.reached));
	const skilled = suppressColumn(exact.map((r) => r.skilled));
	return exact.map((r, i) => ({ value: r.value, reached: reached[i]!, skilled: skilled[i]! }));
}
