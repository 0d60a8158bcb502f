import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ContentFiles } from './catalogue.ts';

/** Reads every course file under `<root>/courses` (Markdown and anything else that is there). */
export function readContentDir(root = 'content'): ContentFiles {
	const files: ContentFiles = {};
	const walk = (dir: string): void => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else files[relative(root, path).split(sep).join('/')] = readFileSync(path, 'utf8');
		}
	};
	walk(join(root, 'courses'));
	return files;
}
