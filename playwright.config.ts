import { defineConfig, devices } from '@playwright/test';
import { adminPassword, adminUsername } from './tests/e2e/accounts-fixture';
import { e2eLimits } from './tests/e2e/limits-fixture';
import { testLimits, testTotpKey } from './tests/process';

const port = Number(process.env.E2E_PORT ?? 4317);
const origin = `http://127.0.0.1:${port}`;
export const e2eDatabase = process.env.E2E_DATABASE_URL ?? 'file:tests/.tmp/e2e.db';

/**
 * The files that run the built app on database files of their own (the map, the dashboard and report
 * screens, the place picker), each on a port of its own beside the suite's server. They run in one
 * worker, one after another, beside the rest of the suite in another: the two never share a database,
 * a port or an authenticator file, and on a 2-core machine the suite takes about two thirds of the time.
 */
const ownServers = [
	'annual-report',
	'dashboard-screens',
	'place-picker',
	'place-picker-screens',
	'reach-map',
	'report-screens'
].map((name) => `**/${name}.test.ts`);

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results',
	fullyParallel: false,
	workers: 2,
	// Within each project, one test at a time: the suite's tests share its server and database.
	projects: [
		{ name: 'suite', testIgnore: ownServers, workers: 1 },
		{ name: 'own-servers', testMatch: ownServers, workers: 1 }
	],
	retries: process.env.CI ? 1 : 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	timeout: 45_000,
	// Sign-ins hash with argon2id on a 2-core machine: give navigations after them room.
	expect: { timeout: 10_000 },
	use: {
		baseURL: origin,
		...devices['Pixel 5'],
		viewport: { width: 390, height: 844 },
		locale: 'vi-VN',
		launchOptions: {
			executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-dev-shm-usage',
				'--disable-background-networking',
				'--disable-component-update',
				'--no-first-run',
				'--disable-sync',
				// The page's language as on the province's phones. (Headless Chromium still draws its own date
				// and file inputs in en-US, "mm/dd/yyyy" and "Choose File", whatever the locale: a phone set
				// to Vietnamese shows "dd/mm/yyyy" and its own words.)
				'--lang=vi-VN'
			]
		}
	},
	// The built app on a fresh database: migrated, seeded with the default region set, with a first admin
	// made by the documented command (its password is a test fixture, used nowhere else).
	webServer: {
		command: `rm -f tests/.tmp/e2e.db* tests/.tmp/e2e-server.log && npm run db:seed && printf '%s\\n' '${adminPassword}' | npm run admin:create -- ${adminUsername} && node build`,
		url: `${origin}/`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			DATABASE_URL: e2eDatabase,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			RATE_LIMITS: testLimits(e2eLimits),
			TOTP_KEY: testTotpKey,
			// The robot reads a lesson in a second: it must still open it (tests/e2e checks the holds).
			READING_PACE: '0',
			// Every request's access line goes to a file (not the terminal), where
			// security-monitoring.test.ts checks that no personal data reaches the log.
			LOG_LEVEL: 'info',
			LOG_FILE: 'tests/.tmp/e2e-server.log'
		}
	}
});
