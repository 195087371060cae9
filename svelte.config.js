import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ precompress: true }),
		csrf: { trustedOrigins: [] },
		// Content-Security-Policy of every page. Scripts only from the portal, plus SvelteKit's inline
		// start-up script with a per-response nonce (mode 'auto': nonces for dynamic pages). Inline
		// style attributes stay allowed: Svelte's style: directives and Chart.js size elements with them.
		csp: {
			mode: 'auto',
			directives: {
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		alias: { $tests: 'tests' }
	}
};

export default config;
