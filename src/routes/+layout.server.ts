import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const { learner, locale } = locals;
	return {
		locale,
		learner: learner && {
			regionName: locale === 'vi' ? learner.region.nameVi : learner.region.nameEn
		}
	};
};
