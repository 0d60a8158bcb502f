import { definitionTerms, definitionVersion } from '$lib/server/reach/definition';
import type { PageServerLoad } from './$types';

/** The terms come from the one definition of reach the rollups and reports use. */
export const load: PageServerLoad = () => ({ terms: definitionTerms, version: definitionVersion });
