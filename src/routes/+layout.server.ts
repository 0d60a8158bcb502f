import { localName } from '$lib/content/vocabulary';
import { localeOfPath } from '$lib/i18n/paths';
import { agencyNames } from '$lib/server/agency';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	const { learner, user } = locals;
	// Read from the address, so that SvelteKit loads this again when a navigation changes language.
	const locale = localeOfPath(url.pathname) ?? locals.locale;
	return {
		locale,
		agency: agencyNames(locale),
		user: user && { username: user.username, role: user.role },
		learner: learner && {
			regionName: localName(learner.region, locale)
		}
	};
};
