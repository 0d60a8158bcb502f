import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { interiorPoint, type Ring } from './interior-point.test-helper';
import { locateMe } from './locate-me';

const url = '/places/dong-thap-2026/boundaries.json';
const file = readFileSync('content/regions/dong-thap-2026.geojson', 'utf8');
const myTho = interiorPoint(
	(
		JSON.parse(file) as {
			features: { properties: { code: string }; geometry: { coordinates: Ring[] } }[];
		}
	).features.find((f) => f.properties.code === '28261')!.geometry.coordinates
);

/** A phone that answers with this position, or fails with this GeolocationPositionError code. */
function phone(answer: [number, number] | number) {
	const getCurrentPosition = vi.fn((ok: PositionCallback, fail: PositionErrorCallback) => {
		if (typeof answer === 'number') fail({ code: answer } as GeolocationPositionError);
		else ok({ coords: { longitude: answer[0], latitude: answer[1] } } as GeolocationPosition);
	});
	return { getCurrentPosition } as unknown as Geolocation & {
		getCurrentPosition: typeof getCurrentPosition;
	};
}

const server = (status = 200) => vi.fn<typeof fetch>(async () => new Response(file, { status }));

describe('locateMe', () => {
	it('finds Phường Mỹ Tho on the phone, asking the server only for the boundaries', async () => {
		const fetch = server();
		const geolocation = phone(myTho);
		expect(await locateMe(url, { geolocation, fetch })).toEqual({ code: '28261' });
		expect(geolocation.getCurrentPosition).toHaveBeenCalledOnce();
		expect(fetch).toHaveBeenCalledOnce();
		const [sentUrl, init] = fetch.mock.calls[0]!;
		expect(sentUrl).toBe(url);
		expect(Object.keys(init ?? {})).toEqual(['signal']);
		const digits = myTho.map((n) => String(n).slice(0, 6));
		for (const d of digits) expect(JSON.stringify([sentUrl, init])).not.toContain(d);
	});

	it('says why when it cannot: denied, unavailable, timeout, outside, no map, no geolocation', async () => {
		const fetch = server();
		expect(await locateMe(url, { geolocation: phone(1), fetch })).toEqual({ problem: 'denied' });
		expect(await locateMe(url, { geolocation: phone(2), fetch })).toEqual({
			problem: 'unavailable'
		});
		expect(await locateMe(url, { geolocation: phone(3), fetch })).toEqual({ problem: 'timeout' });
		// Bến Thành market, Hồ Chí Minh City.
		expect(await locateMe(url, { geolocation: phone([106.698, 10.7725]), fetch })).toEqual({
			problem: 'outside'
		});
		expect(await locateMe(url, { geolocation: phone(myTho), fetch: server(503) })).toEqual({
			problem: 'network'
		});
		const offline = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
		expect(await locateMe(url, { geolocation: phone(myTho), fetch: offline })).toEqual({
			problem: 'network'
		});
		expect(await locateMe(url, { geolocation: undefined, fetch })).toEqual({
			problem: 'unavailable'
		});
	});
});
