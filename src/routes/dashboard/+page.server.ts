import { districtColumns, type DistrictColumn } from '$lib/content/views';
import { dashboardData } from '$lib/server/dashboard/view';
import { minGroupSize } from '$lib/server/privacy';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const data = await dashboardData(event);
	const sort = (districtColumns as readonly string[]).includes(
		event.url.searchParams.get('sort') ?? ''
	)
		? (event.url.searchParams.get('sort') as DistrictColumn)
		: 'name';
	const dir = event.url.searchParams.get('dir') === 'desc' ? -1 : 1;
	const value = (a: (typeof data.areas)[number]) =>
		sort === 'name' ? a.name : sort === 'baseline' ? (a.baseline?.users ?? -1) : (a[sort] ?? -1);
	const areas = [...data.areas].sort((a, b) => {
		const [x, y] = [value(a), value(b)];
		return (typeof x === 'string' ? x.localeCompare(String(y), 'vi') : x - Number(y)) * dir;
	});
	return { ...data, areas, sort, dir: dir === 1 ? 'asc' : 'desc', minGroupSize };
};
