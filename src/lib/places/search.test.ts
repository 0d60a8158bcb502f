import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Locale } from '$lib/content/vocabulary';
import { createI18n } from '$lib/i18n';
import { formerLabels } from './labels';
import { fold, searchPlaces } from './search';
import type { PlaceOption } from './types';

interface Unit {
	code: string;
	name: string;
	nameEn: string;
	former?: string;
	province?: string;
}
interface SetFile {
	code: string;
	units: Unit[];
	provinces?: { code: string; name: string; nameEn: string }[];
}
const read = (code: string) =>
	JSON.parse(readFileSync(`content/regions/${code}.json`, 'utf8')) as SetFile;
const communes = read('dong-thap-2026');
const districts = read('dong-thap-tien-giang-2025-03');

/** The 102 units as the picker gets them, built from the shipped files. */
function options(locale: Locale, firstDistrict?: string): PlaceOption[] {
	const { t } = createI18n(locale);
	const local = (row: { name: string; nameEn: string }) =>
		locale === 'vi' ? row.name : row.nameEn;
	return communes.units.map((u) => {
		const district = districts.units.find((d) => d.code === u.former)!;
		const province = districts.provinces!.find((p) => p.code === district.province)!;
		return {
			id: `${communes.code}:${u.code}`,
			code: u.code,
			name: local(u),
			...formerLabels(t, locale, local(district), local(province)),
			first: u.former === firstDistrict
		};
	});
}
const vi = options('vi');
const names = (query: string, list = vi, limit = 10) =>
	searchPlaces(list, query, limit).map((o) => o.name);

describe('searchPlaces', () => {
	it('folds marks, case and đ', () => {
		expect(fold('Phường Đạo Thạnh')).toBe('phuong dao thanh');
		expect(fold('MỸ THỌ')).toBe('my tho');
	});

	it('finds Mỹ Tho however it is typed, the marks as typed first', () => {
		for (const query of ['my tho', 'MY THO', 'Mỹ Tho', 'mỹ tho', '  my   tho ']) {
			expect(names(query).slice(0, 2), query).toEqual(['Phường Mỹ Tho', 'Xã Mỹ Thọ']);
		}
		expect(names('mỹ thọ').slice(0, 2)).toEqual(['Xã Mỹ Thọ', 'Phường Mỹ Tho']);
		expect(names('MỸ THỌ')[0]).toBe('Xã Mỹ Thọ');
	});

	it('matches words in any order, and prefixes', () => {
		expect(names('tho my').slice(0, 2)).toEqual(['Phường Mỹ Tho', 'Xã Mỹ Thọ']);
		expect(names('cao lanh')).toContain('Phường Cao Lãnh');
		expect(names('cao la')).toContain('Phường Cao Lãnh');
		expect(names('mytho')).toEqual(expect.arrayContaining(['Phường Mỹ Tho', 'Xã Mỹ Thọ']));
	});

	it('ranks whole words before prefixes before parts of words', () => {
		const found = names('tho', vi, 102);
		const at = (name: string) => found.indexOf(name);
		// "tho" is a whole word of Mỹ Tho, the start of Thới Sơn, inside no word of these two.
		expect(at('Phường Mỹ Tho')).toBe(0);
		expect(at('Xã Mỹ Thọ')).toBeLessThan(at('Phường Thới Sơn'));
		expect(found.every((n) => fold(n).includes('tho'))).toBe(true);
	});

	it('takes the kind words when they are typed, and does without them', () => {
		expect(names('phuong my tho')[0]).toBe('Phường Mỹ Tho');
		expect(names('xã mỹ tho')[0]).toBe('Xã Mỹ Thọ');
		// A kind misremembered still finds the place, after those of the kind typed.
		expect(names('xa cao lanh')).toEqual(['Phường Cao Lãnh']);
		const english = options('en');
		expect(names('my tho', english).slice(0, 2)).toEqual(['Mỹ Tho Ward', 'Mỹ Thọ Commune']);
		expect(names('phuong my tho', english)[0]).toBe('Mỹ Tho Ward');
		expect(names('my tho ward', english)[0]).toBe('Mỹ Tho Ward');
		// Typed alone, a kind word is looked for: the 20 wards, then the commune named Phương Thịnh.
		const wards = names('phường', vi, 102);
		expect(wards).toHaveLength(21);
		expect(wards.slice(0, 20).every((n) => n.startsWith('Phường '))).toBe(true);
		expect(wards[20]).toBe('Xã Phương Thịnh');
		expect(names('phuong thinh')[0]).toBe('Xã Phương Thịnh');
	});

	it('puts the learner’s former district first among equals, and nothing typed lists only those', () => {
		const cl = options('vi', '873');
		const typed = searchPlaces(cl, 'my', 102);
		const firstOnes = typed.filter((o) => o.first);
		expect(firstOnes.length).toBeGreaterThan(0);
		expect(typed.indexOf(firstOnes.at(-1)!)).toBe(firstOnes.length - 1);
		const none = searchPlaces(cl, '', 102);
		expect(none.length).toBe(communes.units.filter((u) => u.former === '873').length);
		expect(searchPlaces(vi, '', 102)).toEqual([]);
	});

	it('sorts ties in Vietnamese order and keeps to the limit', () => {
		const found = names('xa', vi, 102);
		expect(found).toHaveLength(82);
		expect(found).toEqual([...found].sort(new Intl.Collator('vi').compare));
		expect(names('xa', vi, 5)).toHaveLength(5);
		expect(names('zzz')).toEqual([]);
	});

	it('tells the two former Châu Thành districts apart by their labels', () => {
		const chauThanh = vi.filter((o) => o.group.startsWith('Huyện Châu Thành'));
		const groups = new Set(chauThanh.map((o) => o.group));
		expect(groups).toEqual(
			new Set(['Huyện Châu Thành (Đồng Tháp)', 'Huyện Châu Thành (Tiền Giang)'])
		);
		const commune = searchPlaces(vi, 'chau thanh')[0]!;
		expect(commune).toMatchObject({
			name: 'Xã Châu Thành',
			former: 'trước đây thuộc huyện Châu Thành, tỉnh Tiền Giang'
		});
		expect(searchPlaces(vi, 'phu huu')[0]).toMatchObject({
			name: 'Xã Phú Hựu',
			former: 'trước đây thuộc huyện Châu Thành, tỉnh Đồng Tháp'
		});
		expect(searchPlaces(options('en'), 'phu huu')[0]!.former).toBe(
			'formerly in Châu Thành District, Đồng Tháp Province'
		);
		expect(vi.find((o) => o.name === 'Phường Mỹ Tho')).toMatchObject({
			group: 'Thành phố Mỹ Tho (Tiền Giang)',
			former: 'trước đây thuộc thành phố Mỹ Tho, tỉnh Tiền Giang'
		});
	});
});
