import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { provinceDay } from '../campaigns/dates';
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

/** Reach per area from the daily rollups (never raw events), with baselines, in-person figures and targets. */
export async function areaFigures(
	db: Db,
	areas: { id: string; name: string }[],
	today = provinceDay()
): Promise<AreaFigures[]> {
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
		const reached = of(reach, 'reached');
		const b = base.find((r) => r.region_id === area.id);
		const baseline = b
			? {
					users: n(b.internet_users),
					year: n(b.year),
					source: String(b.source),
					isDemo: !!b.is_demo
				}
			: null;
		return {
			id: area.id,
			name: area.name,
			reached: shown(reached),
			skilled: shown(of(reach, 'skilled')),
			inPersonVerified: shown(of(verified)),
			selfReported: shown(of(typed)),
			baseline,
			reachPct:
				baseline && shown(reached) !== null
					? Math.round((1000 * reached) / baseline.users) / 10
					: null,
			targets: gaps(reached, baseline?.users ?? null, today)
		};
	});
}

/** Province totals: the sum of the districts (a person who learned in two districts counts in each). */
export function provinceTotal(
	rows: AreaFigures[],
	name: string,
	exact: { reached: number; baseline: number | null },
	today = provinceDay()
): AreaFigures {
	const sum = (pick: (r: AreaFigures) => number | null) =>
		rows.reduce((s, r) => s + (pick(r) ?? 0), 0);
	return {
		id: 'province',
		name,
		reached: shown(exact.reached),
		skilled: shown(sum((r) => r.skilled)),
		inPersonVerified: shown(sum((r) => r.inPersonVerified)),
		selfReported: shown(sum((r) => r.selfReported)),
		baseline:
			exact.baseline === null
				? null
				: {
						users: exact.baseline,
						year: Math.max(...rows.map((r) => r.baseline?.year ?? 0)),
						source: '',
						isDemo: rows.some((r) => r.baseline?.isDemo)
					},
		reachPct:
			exact.baseline && exact.reached >= minGroupSize
				? Math.round((1000 * exact.reached) / exact.baseline) / 10
				: null,
		targets: gaps(exact.reached, exact.baseline, today)
	};
}

/** Exact sums behind the province line (suppression applies to what is shown, not to what is summed). */
export async function provinceSums(
	db: Db,
	ids: string[],
	today = provinceDay()
): Promise<{ reached: number; baseline: number | null }> {
	if (!ids.length) return { reached: 0, baseline: null };
	const [row] = (await db.all(
		sql`SELECT sum(learners) AS n FROM reach_monthly WHERE dim = 'all' AND kind = 'reached' AND region_id IN ${list(ids)} AND month <= ${today.slice(0, 7)}`
	)) as Row[];
	const year = Number(today.slice(0, 4));
	const bases = (await db.all(sql`
		SELECT b.region_id, b.internet_users FROM baselines b WHERE b.region_id IN ${list(ids)}
		AND b.year = (SELECT max(year) FROM baselines x WHERE x.region_id = b.region_id AND x.year <= ${year})`)) as Row[];
	// A province figure needs every district's baseline; a partial sum would overstate reach %.
	return {
		reached: n(row?.n),
		baseline:
			bases.length === ids.length ? bases.reduce((s, r) => s + n(r.internet_users), 0) : null
	};
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
	return [...new Set(rows.map((r) => String(r.value)))]
		.map((value) => ({
			value,
			reached: n(rows.find((r) => r.value === value && r.kind === 'reached')?.n),
			skilled: n(rows.find((r) => r.value === value && r.kind === 'skilled')?.n)
		}))
		.sort((a, b) => b.reached - a.reached)
		.map((r) => ({ value: r.value, reached: shown(r.reached), skilled: shown(r.skilled) }));
}
