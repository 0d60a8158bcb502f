import type { Boundaries } from './locate';

export type LocateProblem = 'denied' | 'timeout' | 'unavailable' | 'outside' | 'network';
export type LocateOutcome = { code: string } | { problem: LocateProblem };

/** GeolocationPositionError codes. */
const problems: Record<number, LocateProblem> = { 1: 'denied', 2: 'unavailable', 3: 'timeout' };

function position(geolocation: Geolocation, timeout: number): Promise<GeolocationPosition> {
	return new Promise((resolve, reject) =>
		// A commune, not a doorstep: the network's rough fix is enough, and a recent one will do.
		geolocation.getCurrentPosition(resolve, reject, {
			enableHighAccuracy: false,
			timeout,
			maximumAge: 5 * 60_000
		})
	);
}

/**
 * The unit of the boundaries at `url` that holds the phone, found on the phone itself. The position
 * is asked for only now; the one request made is for the boundaries, the same for everyone, so the
 * position never leaves the device. The geometry code is loaded only now too.
 */
export async function locateMe(
	url: string,
	{
		geolocation = globalThis.navigator?.geolocation as Geolocation | undefined,
		fetch = globalThis.fetch,
		timeout = 15_000
	} = {}
): Promise<LocateOutcome> {
	if (!geolocation) return { problem: 'unavailable' };
	// Started together: on 3G the map arrives while the person answers the permission prompt.
	// Older phones' browsers lack AbortSignal.timeout: there the browser's own network timeout applies.
	const signal = AbortSignal.timeout?.(timeout + 30_000);
	const map = fetch(url, { signal }).then((response) => {
		if (!response.ok) throw new Error(`boundaries: ${response.status}`);
		return response.json() as Promise<Boundaries>;
	});
	const geometry = import('./locate');
	// Either may fail while the position is still awaited; that is reported below, not unhandled.
	map.catch(() => undefined);
	geometry.catch(() => undefined);
	let coords: GeolocationCoordinates;
	try {
		coords = (await position(geolocation, timeout)).coords;
	} catch (error) {
		return { problem: problems[(error as GeolocationPositionError).code] ?? 'unavailable' };
	}
	try {
		const [boundaries, { placeAt }] = await Promise.all([map, geometry]);
		const code = placeAt(boundaries, coords.longitude, coords.latitude);
		return code ? { code } : { problem: 'outside' };
	} catch {
		return { problem: 'network' };
	}
}
