import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig, type Plugin } from 'vitest/config';
import { buildCatalogue } from './src/lib/server/content/catalogue.ts';
import { readContentDir } from './src/lib/server/content/read-dir.ts';

/** A broken course fails the build with its file path and the reason, as check:content does. */
function contentCheck(): Plugin {
	return {
		name: 'content-check',
		apply: 'build',
		buildStart() {
			const { problems } = buildCatalogue(readContentDir('content'));
			if (problems.length > 0) {
				this.error(
					`content/ has ${problems.length} problem(s):\n` +
						problems.map((p) => `  ${p.path}: ${p.reason}`).join('\n')
				);
			}
		}
	};
}

/**
 * Fewer, larger files for the browser: on 3G each request costs a round trip, and the automatic split
 * leaves dozens of sub-kilobyte chunks. The runtime (Svelte, SvelteKit, i18next) goes in one file
 * every page shares; code of src/lib used by two or more pages in another. Each language's strings
 * stay a file of their own (src/lib/i18n/load.ts), and a page's own code stays with it.
 */
function fewerChunks(): Plugin {
	return {
		name: 'fewer-chunks',
		apply: 'build',
		config(_, env) {
			if (env.isSsrBuild) return;
			return {
				build: {
					rolldownOptions: {
						output: {
							codeSplitting: {
								groups: [
									{
										name: 'runtime',
										test: /node_modules[\\/](svelte|@sveltejs|esm-env|devalue|i18next|clsx)[\\/]/,
										priority: 20
									},
									{
										// Registering the worker after the page is up: one request, not two.
										name: 'sw-register',
										test: /virtual:pwa-register|node_modules[\\/]workbox-window[\\/]/,
										priority: 30
									},
									{
										name: 'shared',
										test: /src[\\/]lib[\\/](?!i18n[\\/]locales)/,
										minShareCount: 2,
										priority: 10
									}
								]
							}
						}
					}
				}
			};
		}
	};
}

export default defineConfig({
	plugins: [
		contentCheck(),
		fewerChunks(),
		sveltekit(),
		SvelteKitPWA({
			registerType: 'prompt',
			injectRegister: false,
			// SvelteKit's relative asset paths would make the worker's URL relative to each page
			// (/courses/x/service-worker.js): the worker lives at the root and controls the whole site.
			base: '/',
			scope: '/',
			manifest: {
				id: '/',
				name: 'An toàn mạng Đồng Tháp',
				short_name: 'An toàn mạng',
				description: 'Bài học ngắn giúp người dân Đồng Tháp an toàn trên không gian mạng.',
				lang: 'vi',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				background_color: '#ffffff',
				theme_color: '#0b5d53',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{
						src: '/icons/icon-maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			// Our own worker (src/service-worker/): offline pages, saved courses, Background Sync of the
			// outbox. SvelteKit bundles it (kit.files.serviceWorker) to /service-worker.js, the URL named
			// here; the plugin injects the precache list of the app shell into that output.
			strategies: 'injectManifest',
			filename: 'service-worker.js',
			// The shell only: route code (nodes/) is cached as pages use it, so a first visit on 3G does
			// not also download the staff pages' scripts.
			injectManifest: {
				globPatterns: [
					'client/_app/immutable/{entry,chunks,assets}/*.{js,css}',
					'client/*.{ico,png,svg,webmanifest}',
					'client/icons/*.png'
				]
			}
		})
	],
	test: {
		include: ['src/**/*.test.ts', 'tests/lint/*.test.ts'],
		environment: 'node'
	}
});
