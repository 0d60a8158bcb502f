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

export default defineConfig({
	plugins: [
		contentCheck(),
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
