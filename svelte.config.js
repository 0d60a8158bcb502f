import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ precompress: true }),
		// The worker (src/service-worker/) is registered by the PWA plugin's prompt-for-update flow.
		serviceWorker: { register: false },
		// A page's small stylesheets go inside it (allowed by their hashes under the CSP below) instead
		// of one request each (the layout's and the shared ones, 6-7 KB each): on 3G a round trip costs
		// more than the bytes.
		inlineStyleThreshold: 8192,
		// SvelteKit's inline start-up script is allowed by its hash ('hash' mode), not a per-request
		// nonce: the pages everyone shares are rendered once and kept (src/lib/server/page-cache.ts), and
		// a kept nonce would be no secret. No other inline script and no eval can run. The service worker, web manifest and the offline
		// outbox's POSTs to /api/events are all same-origin ('self'). QR codes are inline SVG markup,
		// not images, so img-src needs only 'self' and data: (for small inline icons).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Stylesheets and <style> elements from our own origin only. Style *attributes* need
				// 'unsafe-inline': Svelte renders `style:` directives (progress bars, map legend swatches)
				// and app.html's `display: contents` wrapper as style="..." attributes on the server, and
				// a nonce cannot cover attributes. An attribute cannot run script, and url() in one can
				// only load from img-src / font-src, which are 'self'. Svelte 5 transitions use the Web
				// Animations API and need nothing here.
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'frame-src': ['none'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'object-src': ['none']
			}
		},
		typescript: {
			config: (config) => {
				config.include.push('../drizzle.config.ts', '../playwright.config.ts');
			}
		}
	}
};

export default config;
