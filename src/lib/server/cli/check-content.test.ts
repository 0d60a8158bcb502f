import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validCourse } from '../content/fixture.test-helper';

const root = mkdtempSync(join(tmpdir(), 'cybersafe-content-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeTree(files: Record<string, string>, dir: string): string {
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(dirname(join(dir, path)), { recursive: true });
		writeFileSync(join(dir, path), text);
	}
	return dir;
}

function checkContent(dir: string) {
	return spawnSync(
		process.execPath,
		['--import', 'tsx', 'src/lib/server/cli/check-content.ts', dir],
		{
			encoding: 'utf8'
		}
	);
}

describe('npm run check:content', () => {
	it('passes on a valid tree and says what it checked', () => {
		const run = checkContent(writeTree(validCourse(), join(root, 'good')));
		expect(run.status).toBe(0);
		expect(run.stdout).toContain('1 courses, 1 lessons, 3 questions, all valid');
	});

	it('fails with the file path and the reason on a broken course', () => {
		const files = validCourse();
		files['courses/demo/01-first.quiz.vi.md'] = files['courses/demo/01-first.quiz.vi.md']!.replace(
			'- [x] Cúp máy',
			'- [ ] Cúp máy'
		);
		const run = checkContent(writeTree(files, join(root, 'bad')));
		expect(run.status).toBe(1);
		expect(run.stderr).toContain(
			'content/courses/demo/01-first.quiz.vi.md: question "call" has no correct option'
		);
	});
});
