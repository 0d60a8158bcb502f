import { retentionYears } from '$lib/server/learner/retire';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ retentionYears: retentionYears() });
