import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'drizzle/',
			'tests/.tmp/',
			// A deliberate import cycle, linted on its own by tests/lint/no-cycle.test.ts.
			'tests/lint/cycle-fixture/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: { 'no-undef': 'off' }
	},
	{
		files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				// The service worker has its own tsconfig (src/service-worker.tsconfig.json).
				projectService: { allowDefaultProject: ['src/service-worker/*.ts'] },
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error'
		}
	},
	{
		// No import cycles: a module that needs another's internals should share a third module instead.
		files: ['**/*.ts', '**/*.js', '**/*.svelte'],
		plugins: { 'import-x': importX },
		settings: {
			'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
			'import-x/extensions': ['.ts', '.js', '.svelte'],
			'import-x/parsers': {
				'svelte-eslint-parser': ['.svelte'],
				'@typescript-eslint/parser': ['.ts']
			}
		},
		rules: { 'import-x/no-cycle': 'error' }
	},
	{
		// Every {@html} renders Markdown that src/lib/server/content validated with raw HTML disabled.
		files: ['**/*.svelte'],
		// The app is served at the site root (no paths.base), so plain hrefs need no resolve().
		rules: { 'svelte/no-at-html-tags': 'off', 'svelte/no-navigation-without-resolve': 'off' }
	}
);
