import { get } from 'node:http';

/** The bytes of a response as they travel (not decompressed), asking for gzip as browsers do. */
function transferred(url: string, headers: Record<string, string>): Promise<number> {
	return new Promise((resolve, reject) => {
		get(url, { headers: { 'accept-encoding': 'gzip', ...headers } }, (response) => {
			if (response.statusCode !== 200) reject(new Error(`${url} answered ${response.statusCode}`));
			let bytes = 0;
			response.on('data', (chunk: Buffer) => (bytes += chunk.length));
			response.on('end', () => resolve(bytes));
		}).on('error', reject);
	});
}

/**
 * The JavaScript a first visit to a page downloads: every module the page preloads or loads (its
 * `modulepreload` links, in the `Link` header or the HTML, `<script src>` and the start-up script's `import(...)`), fetched with gzip.
 */
export async function firstVisitJs(
	page: string,
	cookie = ''
): Promise<{ files: number; bytes: number }> {
	const response = await fetch(page, { headers: { cookie } });
	if (response.status !== 200) throw new Error(`${page} answered ${response.status}`);
	const html = await response.text();
	// SvelteKit sends a page's module preloads as a `Link` header, not as tags in the HTML.
	const linked = (response.headers.get('link') ?? '')
		.split(/,\s*(?=<)/)
		.filter((l) => /rel="?modulepreload"?/.test(l))
		.map((l) => /<([^>]+)>/.exec(l)!);
	const found = [
		...linked,
		...[...html.matchAll(/<link\b[^>]*>/g)]
			.filter((m) => /rel="modulepreload"/.test(m[0]))
			.map((m) => /href="([^"]+)"/.exec(m[0])!),
		...html.matchAll(/<script[^>]+src="([^"]+)"/g),
		...html.matchAll(/import\(\s*"([^"]+\.js)"\s*\)/g)
	].map((m) => new URL(m[1]!, page).href);
	const urls = [...new Set(found)];
	const sizes = await Promise.all(urls.map((url) => transferred(url, { cookie })));
	return { files: urls.length, bytes: sizes.reduce((a, b) => a + b, 0) };
}
