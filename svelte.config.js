import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ precompress: true }),
		typescript: {
			config: (config) => {
				config.include.push('../drizzle.config.ts', '../playwright.config.ts');
			}
		}
	}
};

export default config;
