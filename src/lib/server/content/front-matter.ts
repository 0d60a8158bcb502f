import { parse } from 'yaml';

export interface Parsed {
	data: unknown;
	body: string;
}

const fence = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Splits `---` YAML front matter from a Markdown body; throws with a readable reason. */
export function splitFrontMatter(raw: string): Parsed {
	const match = fence.exec(raw.replace(/^\uFEFF/, ''));
	if (!match) throw new Error('missing front matter: the file must start with a --- block');
	let data: unknown;
	try {
		data = parse(match[1] ?? '');
	} catch (error) {
		throw new Error(`front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`, {
			cause: error
		});
	}
	return {
		data: data ?? {},
		body: raw.slice(match[0].length + (raw.startsWith('\uFEFF') ? 1 : 0))
	};
}
