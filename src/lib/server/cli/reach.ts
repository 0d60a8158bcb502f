/**
 * `npm run reach:verify`: recomputes every reach rollup from the raw learning events and compares it with
 * the live rollups (exit code 1 on any difference). `npm run reach:rebuild`: replaces the rollups with the
 * recomputation (a repair). `npm run reach:figures [-- --json] [--scope district:<code>] [--as-of YYYY-MM-DD]`: prints the
 * figures the dashboard shows, at the three levels.
 * All work one chunk of learners at a time, so that memory stays bounded on a large province.
 */
import { isIsoDay } from '../dates.ts';
import { createI18n } from '../../i18n/index.ts';
import { isScope, provinceArea } from '../areas.ts';
import { figuresJson, reachFigures } from '../dashboard/figures.ts';
import { openDatabase } from '../db/client.ts';
import { applyMigrations } from '../db/migrate.ts';
import { definitionVersion } from '../reach/definition.ts';
import {
	chunkLearners,
	rebuildNextChunk,
	rebuildProgress,
	rebuildRollups,
	rollupsAreCurrent
} from '../reach/rebuild.ts';
import { catchUp } from '../reach/step.ts';
import { verifyRollups } from '../reach/verify.ts';
import { verifyEvidence } from '../reach/verify-evidence.ts';

const command = process.argv[2];
const json = process.argv.includes('--json');

/** Rollups of an older definition, or a rebuild left half done, are rebuilt here first (as the app would). */
async function bringCurrent(db: Awaited<ReturnType<typeof openDatabase>>['db']): Promise<void> {
	if (await rollupsAreCurrent(db)) return;
	const progress = await rebuildProgress(db);
	console.log(
		progress
			? `reach: a rebuild to definition ${definitionVersion} is in progress (${progress.done} of ${progress.total} learners); finishing it here first.`
			: `reach: the rollups follow an older definition of reach; rebuilding them to definition ${definitionVersion} first.`
	);
	if (progress) while (await rebuildNextChunk(db, chunkLearners));
	else await rebuildRollups(db);
}

async function verify(db: Awaited<ReturnType<typeof openDatabase>>['db']): Promise<boolean> {
	await bringCurrent(db);
	const pending = await catchUp(db, 100_000);
	if (pending) console.log(`reach: folded ${pending} pending events into the rollups first.`);
	const started = Date.now();
	const v = await verifyRollups(db);
	const ok = v.firstsWrong === 0 && v.monthlyWrong === 0;
	console.log(
		`reach:verify: ${v.firstsChecked} first-days and ${v.monthlyChecked} monthly counts recomputed in ${Date.now() - started} ms; ` +
			(ok
				? 'the rollups equal the recomputation.'
				: `${v.firstsWrong} first-days and ${v.monthlyWrong} monthly counts differ.`)
	);
	const e = await verifyEvidence(db);
	console.log(
		`reach:verify: ${e.everyone} people learned: ${e.official} counted, ${e.held} held for review, ${e.rejected} rejected; ` +
			(e.everyone === e.official + e.held + e.rejected
				? 'they add up.'
				: `${e.everyone - e.official - e.held - e.rejected} are in none of them.`)
	);
	console.log(
		e.asideWrong.length
			? `reach:verify: the held and rejected the dashboard shows differ from their recount: ${e.asideWrong.join('; ')}.`
			: 'reach:verify: the held and rejected the dashboard shows equal their recount in every area.'
	);
	for (const y of e.years)
		console.log(
			`reach:verify: ${y.year} was issued with ${y.issued ?? '?'} reached; ${y.late} came late; ${y.now} today: ` +
				(y.adds === null
					? 'what counts changed since it was issued, no sum is expected.'
					: y.adds
						? 'they add up.'
						: 'they do not add up.')
		);
	return ok && e.ok;
}

async function figures(db: Awaited<ReturnType<typeof openDatabase>>['db']): Promise<boolean> {
	await bringCurrent(db);
	await catchUp(db, 100_000);
	const { t } = createI18n('vi');
	const at = process.argv.indexOf('--scope');
	const scope = at > 0 ? process.argv[at + 1]! : provinceArea;
	if (!(await isScope(db, scope === provinceArea ? null : scope))) {
		throw new Error(`unknown scope "${scope}": say province or district:<GSO code>`);
	}
	// --as-of YYYY-MM-DD: the figures to the end of that day (by default the last complete day).
	const asOfAt = process.argv.indexOf('--as-of');
	const asOf = asOfAt > 0 ? process.argv[asOfAt + 1]! : undefined;
	if (asOf !== undefined && !isIsoDay(asOf)) throw new Error(`--as-of "${asOf}": say YYYY-MM-DD`);
	const f = await reachFigures(
		db,
		{
			scope,
			locale: 'vi',
			names: {
				province: t('dashboard.province'),
				unknownCommune: (district) => t('dashboard.unknownCommune', { district })
			}
		},
		asOf
	);
	if (json) {
		console.log(JSON.stringify(figuresJson(f)));
		return true;
	}
	const cell = (n: number | null) => (n === null ? '<10' : n.toLocaleString('vi-VN'));
	const line = (a: {
		code?: string;
		name: string;
		reached: number | null;
		skilled: number | null;
	}) =>
		`  ${a.code ? `${a.code} ` : ''}${a.name}: reached ${cell(a.reached)}, skilled ${cell(a.skilled)}`;
	console.log(
		`Reach figures as of ${f.asOf} (definition ${f.definitionVersion}), as the dashboard shows them:`
	);
	if (f.rebuilding)
		console.log(`  being recomputed: ${f.rebuilding.done} of ${f.rebuilding.total} learners`);
	console.log(line(f.headline));
	const last = f.headline.targets.at(-1)!;
	console.log(
		`  reach ${f.headline.reachPct ?? '—'}%; short of ${last.share * 100}% by ${last.deadline}: ${last.gap ?? '—'} (${last.perMonth ?? '—'} a month needed)`
	);
	const { pace, projection } = f.outlook;
	console.log(
		`  pace ${pace.from}..${pace.to}: ${cell(pace.reached)} reached, ${pace.perMonth ?? '—'} a month; at this pace: ${projection.kind === 'month' ? projection.month : projection.kind}`
	);
	for (const c of f.outlook.closed)
		console.log(`  on ${c.deadline}: reached ${cell(c.reached)}, ${c.reachPct ?? '—'}%`);
	for (const [name, apart] of [
		['held for review', f.held],
		['late', f.late]
	] as const)
		if (apart) console.log(`  ${name} (not in the figures): ${cell(apart.reached)}`);
	for (const y of f.byYear) console.log(`  by the end of ${y.year}: reached ${cell(y.reached)}`);
	console.log('Former districts:');
	for (const d of f.districts) console.log(line(d));
	console.log('Units:');
	for (const u of f.units) console.log(line(u));
	return true;
}

try {
	const database = await openDatabase();
	await applyMigrations(database.db);
	let ok = true;
	if (command === 'rebuild') {
		const started = Date.now();
		await rebuildRollups(database.db);
		console.log(`reach:rebuild: rollups recomputed from raw events in ${Date.now() - started} ms.`);
		ok = await verify(database.db);
	} else if (command === 'verify') {
		ok = await verify(database.db);
	} else if (command === 'figures') {
		ok = await figures(database.db);
	} else {
		throw new Error('say verify, rebuild or figures');
	}
	database.client.close();
	process.exit(ok ? 0 : 1);
} catch (error) {
	console.error(
		`reach:${command} failed: ${error instanceof Error ? error.message : String(error)}`
	);
	process.exit(1);
}
