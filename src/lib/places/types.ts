/** One commune or ward a learner can choose, labelled in the page's language (client-safe). */
export interface PlaceOption {
	/** Region id, e.g. 'dong-thap-2026:28261'. */
	id: string;
	/** GSO code, e.g. '28261': the boundaries' `properties.code`. */
	code: string;
	/** In the page's language, e.g. 'Phường Mỹ Tho'. */
	name: string;
	/** The former district, as the no-JS `<optgroup>` label, e.g. 'Thành phố Mỹ Tho (Tiền Giang)'. */
	group: string;
	/** Shown under a result, e.g. 'trước đây thuộc thành phố Mỹ Tho, tỉnh Tiền Giang'. */
	former: string | null;
	/** Offered first (e.g. the communes of a learner's former district). */
	first?: boolean;
}
