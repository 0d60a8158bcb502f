import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { formatCount } from '$lib/format';
import { baselineAreas, districtCodeOf, provinceArea } from '$lib/server/areas';
import { requireProvinceAnalyst } from '$lib/server/auth/access';
import { limits, yearRange } from '$lib/server/baselines/csv';
import { readFigureForm } from '$lib/server/baselines/form';
import { missingBaselines } from '$lib/server/baselines/missing';
import { baselinePreview } from '$lib/server/baselines/preview';
import * as store from '$lib/server/baselines/store';
import { provinceDay } from '$lib/server/dates';
import type { Actions, PageServerLoad } from './$types';

const here = '/dashboard/baselines';
const at = (area: string, year: number) => `area=${encodeURIComponent(area)}&year=${year}`;

async function areasOf({ locals: { db, locale, t } }: Pick<RequestEvent, 'locals'>) {
	const areas = await baselineAreas(db, locale, t('dashboard.province'));
	return { areas, nameOf: (key: string) => areas.find((a) => a.value === key)?.name ?? key };
}

/** The one-line message after a save or a deletion, from the address it redirected to. */
function flashOf(event: RequestEvent, nameOf: (key: string) => string, saved: store.Figure[]) {
	const { t, locale } = event.locals;
	const q = event.url.searchParams;
	const [area, year] = [q.get('area') ?? '', Number(q.get('year'))];
	const imported = Number(q.get('imported') ?? NaN);
	if (Number.isInteger(imported) && imported > 0)
		return t('baseline.flash.imported', { count: imported });
	if (q.has('deleted')) return t('baseline.flash.deleted', { name: nameOf(area), year });
	const figure = q.has('saved') && saved.find((b) => b.area === area && b.year === year);
	if (!figure) return null;
	const users = formatCount(figure.users, locale);
	return t('baseline.flash.saved', { name: nameOf(area), year, users });
}

export const load: PageServerLoad = async (event) => {
	requireProvinceAnalyst(event);
	const { db, locale } = event.locals;
	const { areas, nameOf } = await areasOf(event);
	const saved = await store.savedBaselines(db);
	const figures = saved.map((b) => ({
		area: b.area,
		year: b.year,
		users: b.internetUsers,
		source: b.source,
		isDemo: b.isDemo
	}));
	const order = new Map(areas.map((a, i) => [a.value, i]));
	const q = event.url.searchParams;
	const editing = q.has('edit')
		? figures.find((b) => b.area === q.get('edit') && String(b.year) === q.get('year'))
		: undefined;
	return {
		areas: areas.map((a) => ({
			...a,
			group: a.value === provinceArea ? 'province' : districtCodeOf(a.value) ? 'districts' : 'units'
		})),
		baselines: figures
			.map((b) => ({ ...b, name: nameOf(b.area), users: formatCount(b.users, locale) }))
			.sort((a, b) => b.year - a.year || (order.get(a.area) ?? 1e6) - (order.get(b.area) ?? 1e6)),
		missing: await missingBaselines(db, saved, locale, Number(provinceDay().slice(0, 4))),
		editing: editing && {
			name: nameOf(editing.area),
			query: `edit=${encodeURIComponent(editing.area)}&year=${editing.year}`,
			values: {
				region: editing.area,
				year: String(editing.year),
				users: formatCount(editing.users, locale),
				source: editing.source,
				demo: editing.isDemo
			}
		},
		flash: flashOf(event, nameOf, figures),
		limits: {
			...yearRange(),
			kb: limits.maxFileBytes / 1024,
			rows: limits.maxRows,
			maxField: limits.maxField
		}
	};
};

/** The preview of a file's text; the same text is posted again to save it, and read again. */
async function previewOf(
	event: RequestEvent,
	input: { text: string; fileName: string; demo: boolean }
) {
	const { db, locale, t } = event.locals;
	const units = await store.baselineUnits(db, locale, t('dashboard.province'));
	return baselinePreview(input, units, await store.savedBaselines(db), { t, locale });
}

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};

/** The upload form again, saying why its file was not read: none chosen, or too big. */
function refuseFile(event: RequestEvent, tooBig: boolean, demo: boolean) {
	const { t } = event.locals;
	const error = tooBig
		? t('baseline.csv.tooBig', { kb: limits.maxFileBytes / 1024 })
		: t('baseline.csv.chooseFile');
	return fail(400, { upload: { error, demo } });
}

export const actions: Actions = {
	save: async (event) => {
		const user = requireProvinceAnalyst(event);
		const { areas } = await areasOf(event);
		const keys = new Set(areas.map((a) => a.value));
		const read = readFigureForm(await event.request.formData(), keys, event.locals.t);
		if ('form' in read) return fail(400, { figure: read.form });
		await store.saveFigure(event.locals.db, user, read.figure);
		redirect(303, `${here}?saved&${at(read.figure.area, read.figure.year)}`);
	},

	upload: async (event) => {
		requireProvinceAnalyst(event);
		const form = await event.request.formData();
		const file = form.get('file');
		const demo = form.get('demo') === 'yes';
		if (!(file instanceof File) || file.size === 0) return refuseFile(event, false, demo);
		if (file.size > limits.maxFileBytes) return refuseFile(event, true, demo);
		const { preview } = await previewOf(event, {
			text: await file.text(),
			fileName: file.name,
			demo
		});
		return preview.problems.length ? fail(400, { preview }) : { preview };
	},

	commit: async (event) => {
		const user = requireProvinceAnalyst(event);
		const { t } = event.locals;
		const form = await event.request.formData();
		const posted = text(form, 'text');
		if (!posted) return refuseFile(event, false, false);
		if (Buffer.byteLength(posted) > limits.maxFileBytes) return refuseFile(event, true, false);
		const input = {
			text: posted,
			fileName: text(form, 'fileName'),
			demo: form.get('demo') === 'yes'
		};
		const { preview, csv } = await previewOf(event, input);
		const refuse = (key: string) => fail(400, { preview: { ...preview, confirmError: t(key) } });
		if (preview.problems.length) return fail(400, { preview });
		if (!preview.counts.toSave) return refuse('baseline.preview.nothing');
		// The confirmation was for the flags shown: if saves meanwhile changed them, they are shown again.
		if (preview.flagged && text(form, 'flagged') !== preview.flagged)
			return refuse('baseline.preview.flagsChanged');
		if (preview.flagged && form.get('confirm') !== 'yes')
			return refuse('baseline.preview.confirmNeeded');
		const written = await store.saveFileRows(event.locals.db, user, csv.toSave, input.demo);
		redirect(303, `${here}?imported=${written}`);
	},

	/** First asks (a page of its own, without JavaScript too), then deletes with confirm=yes. */
	delete: async (event) => {
		const user = requireProvinceAnalyst(event);
		const { db, t, locale } = event.locals;
		const form = await event.request.formData();
		const [area, year] = [text(form, 'area'), Number(text(form, 'year'))];
		const row = Number.isInteger(year) ? await store.findBaseline(db, area, year) : undefined;
		if (!row) return fail(400, { gone: t('baseline.delete.gone') });
		const { nameOf } = await areasOf(event);
		if (form.get('confirm') !== 'yes')
			return {
				confirmDelete: {
					area,
					year,
					name: nameOf(area),
					users: formatCount(row.internetUsers, locale),
					source: row.source
				}
			};
		await store.deleteFigure(db, user, area, year);
		redirect(303, `${here}?deleted&${at(area, year)}`);
	}
};
