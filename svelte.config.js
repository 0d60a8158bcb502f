import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ precompress: true }),
		// The worker (src/service-worker.ts) is registered by the PWA plugin's prompt-for-update flow.
		serviceWorker: { register: false },
		typescript: {
			config: (config) => {
				config.include.push('../drizzle.config.ts', '../playwright.config.ts');
			}
		}
	}
};

export default config;
