import { localName } from '$lib/content/vocabulary';
import { agencyNames } from '$lib/server/agency';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const { learner, locale, user } = locals;
	return {
		locale,
		agency: agencyNames(locale),
		user: user && { username: user.username, role: user.role },
		learner: learner && {
			regionName: localName(learner.region, locale)
		}
	};
};
