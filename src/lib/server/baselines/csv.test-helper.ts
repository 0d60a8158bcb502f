import { readFileSync } from 'node:fs';
import { parseBaselineCsv, type BaselineUnit, type KnownBaseline } from './csv';

const region = JSON.parse(readFileSync('content/regions/dong-thap-2026.json', 'utf8')) as {
	units: { code: string; name: string }[];
};
/** Today's 102 communes and wards, as the baselines file names them. */
export const units: BaselineUnit[] = region.units.map((u) => ({
	key: `dong-thap-2026:${u.code}`,
	code: u.code,
	name: u.name
}));
export const years = { minYear: 2020, maxYear: 2026 };
/** Reads a baselines file against those units, with the years above. */
export const read = (text: string, known: KnownBaseline[] = [], units_ = units) =>
	parseBaselineCsv(text, units_, known, years);
