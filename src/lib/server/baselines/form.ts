import type { BaselineFigureForm } from '$lib/content/views';
import type { TFunction } from '$lib/i18n';
import { readCount } from './count';
import { limits, usersProblem, yearRange } from './csv';
import { readCell, readYear } from './sheet';
import type { Figure } from './store';

/**
 * The single form, read with the same rules as a file's row: the same number reader ("120.000" is
 * 120,000 in both), years, source length and hidden characters. Every problem at once, at its field.
 */
export function readFigureForm(
	form: FormData,
	areas: Set<string>,
	t: TFunction,
	range = yearRange()
): { figure: Figure } | { form: BaselineFigureForm } {
	const typed = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value : '';
	};
	const demo = form.get('demo');
	const values = {
		region: typed('region'),
		year: typed('year').trim(),
		users: typed('users').trim(),
		source: typed('source'),
		demo: demo === 'yes'
	};
	const errors: BaselineFigureForm['errors'] = {};
	if (!areas.has(values.region)) errors.region = t('baseline.problem.region');
	const year = readYear(values.year, range);
	if (year === undefined) errors.year = t('baseline.problem.year', range);
	const users = readCount(values.users);
	const count = usersProblem(users);
	if (count)
		errors.users = t(count === 'too-big' ? 'baseline.problem.tooBig' : 'baseline.problem.users', {
			maxUsers: limits.maxUsers
		});
	const cell = readCell(values.source, limits.maxField);
	if ('problem' in cell)
		errors.source = t(
			`baseline.problem.${cell.problem === 'too-long' ? 'sourceLong' : 'sourceText'}`,
			{
				maxField: limits.maxField
			}
		);
	else if (cell.text === '') errors.source = t('baseline.problem.source');
	// The box sends "yes" or nothing: anything else is not from this form.
	if (demo !== null && demo !== 'yes') errors.demo = t('baseline.problem.demo');
	if (Object.keys(errors).length || year === undefined || users === undefined || 'problem' in cell)
		return { form: { values, errors } };
	return {
		figure: { area: values.region, year, users, source: cell.text, isDemo: values.demo }
	};
}
