import { agencyNames, documentStyle } from '$lib/server/agency';
import { requireRole } from '$lib/server/auth/access';
import { minGroupSize } from '$lib/server/privacy';
import { reportTerms } from '$lib/server/reach/definition';
import { catchUp } from '$lib/server/reach/step';
import { annualReport, firstReportYear, reportTables } from '$lib/server/report/annual';
import { dateLine, documentFields } from '$lib/server/report/document';
import { monthChart } from '$lib/server/report/series';
import { reportChoices, reportScope } from '$lib/server/report/scope';
import { provinceDay } from '$lib/server/dates';
import { districtCodeOf, formerDistricts } from '$lib/server/areas';
import { localName } from '$lib/content/vocabulary';
import type { PageServerLoad } from './$types';

/**
 * The annual report of the province, a former district or one commune or ward, as a Vietnamese
 * administrative document on A4: figures as of the end of the year (the current year: so far).
 */
export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'analyst', 'admin');
	const { db, locale, t } = event.locals;
	await catchUp(db);
	const scope = await reportScope(db, user, event.url.searchParams.get('area'), {
		forbidden: t('error.forbidden'),
		notFound: t('error.notFound')
	});
	const report = await annualReport(event, scope);
	const agency = agencyNames(locale);
	const style = documentStyle(locale);
	const doc = documentFields(event.url.searchParams, {
		signer: t('report.doc.preparedBy'),
		recipients: [
			t('report.doc.toProvince', { name: agency.province }),
			t('report.doc.toPolice', { name: agency.police }),
			t('report.doc.toArchive')
		]
	});
	const thisYear = Number(provinceDay().slice(0, 4));
	const name = report.headline.name;
	// In a Vietnamese sentence the kind of unit is lower case: "trên địa bàn xã Tân Dương".
	const inSentence = (text: string) =>
		locale === 'vi' ? text.charAt(0).toLocaleLowerCase('vi') + text.slice(1) : text;
	// A former district with its old province, in words: "huyện Châu Thành cũ, tỉnh Tiền Giang".
	const district =
		scope.kind === 'district'
			? (await formerDistricts(db)).find((d) => d.code === districtCodeOf(scope.area))
			: undefined;
	const where =
		scope.kind === 'province'
			? t('report.where.province', { place: style.place })
			: district?.province
				? t('report.where.districtIn', {
						name: inSentence(localName(district, locale)),
						province: inSentence(localName(district.province, locale))
					})
				: t(`report.where.${scope.kind}`, { name: inSentence(name) });
	return {
		...report,
		tables: reportTables(report, locale, t),
		chart: monthChart(report.months),
		scope: {
			kind: scope.kind,
			area: scope.area,
			name,
			where
		},
		agency: { province: agency.province, lead: agency.lead, ...style },
		doc: { ...doc, dateLine: dateLine(style.place, doc.day, thisYear, locale, t) },
		choices: {
			years: Array.from({ length: thisYear - firstReportYear + 1 }, (_, i) => thisYear - i),
			...(await reportChoices(db, user, locale, t('dashboard.province')))
		},
		terms: reportTerms,
		minGroupSize
	};
};
