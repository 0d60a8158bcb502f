/** Today's 102 communes and wards, as the tests use them (the default region set a fresh install loads). */
import { readFileSync } from 'node:fs';

interface Unit {
	code: string;
	name: string;
	former: string;
}

const set = JSON.parse(readFileSync('content/regions/dong-thap-2026.json', 'utf8')) as {
	code: string;
	units: Unit[];
};

export const communes = set.units.map((u) => ({ ...u, id: `${set.code}:${u.code}` }));
export const communeIds = communes.map((c) => c.id);

/** A commune by its name, e.g. 'Xã Tháp Mười'. */
export function commune(name: string) {
	const found = communes.find((c) => c.name === name);
	if (!found) throw new Error(`no commune or ward named ${name}`);
	return found;
}
