import { loadTranslator } from '$lib/i18n/load';
import type { PageLoad } from './$types';

// The poster is for residents: always in Vietnamese, whatever language the organizer reads.
export const load: PageLoad = async ({ data }) => ({
	...data,
	vi: await loadTranslator('vi', true)
});
