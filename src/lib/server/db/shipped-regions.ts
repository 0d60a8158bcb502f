/** The region sets shipped in content/regions/, bundled at build so an admin can load one from the app. */
const files = import.meta.glob('/content/regions/*.json', {
	eager: true,
	import: 'default'
}) as Record<string, unknown>;

const codeOf = (path: string) => path.replace(/^.*\//, '').replace(/\.json$/, '');

export function shippedRegionSets(): { code: string; data: unknown }[] {
	return Object.entries(files).map(([path, data]) => ({ code: codeOf(path), data }));
}

export function readShippedSet(code: string): unknown {
	return shippedRegionSets().find((s) => s.code === code)?.data;
}
