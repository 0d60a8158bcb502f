import type { TFunction } from 'i18next';
import type { Locale } from '$lib/content/vocabulary';

/** 'Tỉnh Tiền Giang' or 'Tiền Giang Province' → 'Tiền Giang': the group label stays short. */
const shortName = (name: string) =>
	name.replace(/^(?:tỉnh|thành phố)\s+/iu, '').replace(/\s+(?:province|city)$/iu, '');

/** Vietnamese writes unit words in lower case inside a sentence: 'thành phố Mỹ Tho, tỉnh Tiền Giang'. */
const inSentence = (name: string, locale: Locale) =>
	locale === 'vi' ? name.charAt(0).toLocaleLowerCase('vi') + name.slice(1) : name;

/** The labels of a commune's former district (and its old province, when the set names one). */
export function formerLabels(
	t: TFunction,
	locale: Locale,
	district: string,
	province: string | null
): { group: string; former: string } {
	const formerDistrict = inSentence(district, locale);
	if (!province)
		return { group: district, former: t('place.formerDistrict', { district: formerDistrict }) };
	return {
		group: t('place.group', { district, province: shortName(province) }),
		former: t('place.former', {
			district: formerDistrict,
			province: inSentence(province, locale)
		})
	};
}
