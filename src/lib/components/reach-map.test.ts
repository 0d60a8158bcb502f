import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import communes from '../../../content/regions/dong-thap-2026.json';
import type { Locale } from '$lib/content/vocabulary';
import { formatPct } from '$lib/format';
import { createI18n } from '$lib/i18n';
import { choropleth } from '$lib/server/dashboard/map';
import Fixture from './reach-map.fixture.svelte';

/** A third of the communes without a figure, the rest spread from 0 to 5%, Mỹ Tho far ahead. */
function html(locale: Locale) {
	const t = createI18n(locale).t;
	const pcts = communes.units.map((u, i) =>
		u.code === '28261' ? 85 : i % 3 === 0 ? null : Math.round((i * 50) / 102) / 10
	);
	const pct = (i: number) => pcts[i] ?? null;
	const areas = communes.units.map((u, i) => ({
		code: u.code,
		name: locale === 'vi' ? u.name : u.nameEn,
		pct: pct(i),
		figure: pct(i) === null ? t('dashboard.map.noFigure') : formatPct(pct(i)!, locale)
	}));
	const map = choropleth('dong-thap-2026', areas, locale)!;
	return { map, body: render(Fixture, { props: { t, locale, map } }).body };
}

const links = (body: string) =>
	[...body.matchAll(/<a (?:id="map-\d+" )?href="#unit-(\d+)" aria-label="([^"]+)"/g)].map((m) => [
		m[1],
		m[2]
	]);

describe('the reach map as rendered', () => {
	it('has one link per unit, in order, named by the unit and its figure', () => {
		const { map, body } = html('vi');
		const found = links(body);
		expect(found).toHaveLength(102);
		expect(found.map(([code]) => code)).toEqual(map.units.map((u) => u.code));
		const name = (code: string) => found.find(([c]) => c === code)![1];
		expect(name('28261')).toBe('Phường Mỹ Tho: 85%, đạt mục tiêu 80% (2025)');
		const blank = map.units.find((u) => u.pct === null)!;
		expect(name(blank.code)).toBe(`${blank.name}: chưa có số liệu`);
		const some = map.units.find((u) => u.pct !== null && u.pct % 1 !== 0)!;
		expect(name(some.code)).toBe(`${some.name}: ${String(some.pct).replace('.', ',')}%`);
		expect(body).toContain('role="group" aria-labelledby="reach-map-title"');
		expect(body).toContain('href="#areas-table"');
	});

	it('keeps units without a figure hatched, never in a class colour', () => {
		const { map, body } = html('vi');
		for (const u of map.units.filter((u) => u.pct === null))
			expect(body).toMatch(
				new RegExp(
					`data-code="${u.code}" data-colour="none"[^>]*><path d="[^"]+" fill="url\\(#no-figure\\)"`
				)
			);
	});

	it('writes the legend in each language', () => {
		const vi = html('vi');
		const en = html('en');
		expect(vi.map.legend).toHaveLength(5);
		for (const [i, band] of vi.map.legend.entries()) {
			expect(band.range).toMatch(/^\d+(,\d)?(–\d+(,\d)?)?%$/);
			expect(vi.body).toContain(`">${band.range}</span>`);
			expect(en.body).toContain(`">${band.range.replaceAll(',', '.')}</span>`);
			expect(en.map.legend[i]!.range).toBe(band.range.replaceAll(',', '.'));
		}
		expect(vi.body).toContain('Chưa có số liệu, hoặc ẩn vì dưới 10 người');
		expect(en.body).toContain('No figure yet, or hidden (fewer than 10 people)');
		expect(en.body).toContain('Reached the 80% target (2025)');
	});
});
