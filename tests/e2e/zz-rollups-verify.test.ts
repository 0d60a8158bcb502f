import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { e2eDatabase } from '../../playwright.config';

// Runs last (files run in name order on one worker): after every other test has learned, merged,
// erased and joined campaigns through the app, the rollups must still equal a recomputation.
test('after the whole suite, reach rollups equal a recomputation from raw events', () => {
	const run = spawnSync('npm', ['run', '-s', 'reach:verify'], {
		encoding: 'utf8',
		env: { ...process.env, DATABASE_URL: e2eDatabase }
	});
	expect(run.stdout).toMatch(/the rollups equal the recomputation/);
	expect(run.status).toBe(0);
});
