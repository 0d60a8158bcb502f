import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWithFormerSet } from './db/regions';
import { testDatabase } from './db/test-db.test-helper';
import { placeOptions } from './places';

let database: Awaited<ReturnType<typeof testDatabase>>;
beforeEach(async () => {
	database = await testDatabase();
});
afterEach(() => database.cleanup());

const shipped = (code: string) =>
	JSON.parse(readFileSync(`content/regions/${code}.json`, 'utf8')) as unknown;

describe('placeOptions', () => {
	it('gives a district-level set without groups or former labels', async () => {
		const options = await placeOptions(database.db, 'vi');
		expect(options).toHaveLength(12);
		expect(options[0]).toEqual({
			id: 'dong-thap-2022:866',
			code: '866',
			name: 'Thành phố Cao Lãnh',
			group: '',
			former: null
		});
	});

	it('labels the 102 communes and wards with their former district and old province', async () => {
		await loadWithFormerSet(database.db, shipped('dong-thap-2026'), shipped);
		const vi = await placeOptions(database.db, 'vi');
		expect(vi).toHaveLength(102);
		expect(vi.find((o) => o.code === '28261')).toEqual({
			id: 'dong-thap-2026:28261',
			code: '28261',
			name: 'Phường Mỹ Tho',
			group: 'Thành phố Mỹ Tho (Tiền Giang)',
			former: 'trước đây thuộc thành phố Mỹ Tho, tỉnh Tiền Giang'
		});
		// Two former districts share a name; the old province tells them apart.
		const groupOf = (code: string) => vi.find((o) => o.code === code)!.group;
		expect(groupOf('30244')).toBe('Huyện Châu Thành (Đồng Tháp)');
		expect(groupOf('28519')).toBe('Huyện Châu Thành (Tiền Giang)');
		expect(new Set(vi.map((o) => o.group)).size).toBe(23);

		const en = await placeOptions(database.db, 'en');
		expect(en.find((o) => o.code === '30076')).toMatchObject({
			name: 'Mỹ Thọ Commune',
			group: 'Cao Lãnh District (Đồng Tháp)',
			former: 'formerly in Cao Lãnh District, Đồng Tháp Province'
		});
	});

	it('offers the units of a former district first', async () => {
		await loadWithFormerSet(database.db, shipped('dong-thap-2026'), shipped);
		const options = await placeOptions(database.db, 'vi', '877');
		expect(options.filter((o) => o.first).map((o) => o.name)).toEqual([
			'Xã Phú Hựu',
			'Xã Tân Nhuận Đông',
			'Xã Tân Phú Trung'
		]);
	});
});
