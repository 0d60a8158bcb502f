import { readUnitQuery } from '$lib/dashboard/units';
import { dashboardData } from '$lib/server/dashboard/view';
import { minGroupSize } from '$lib/server/privacy';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	...(await dashboardData(event)),
	...readUnitQuery(event.url.searchParams),
	minGroupSize
});
