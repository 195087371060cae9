import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ precompress: true }),
		csrf: { trustedOrigins: [] },
		// Content-Security-Policy of every page. Inline style attributes stay allowed: Svelte's style:
		// directives and Chart.js size their elements with them. No script-src yet: with
		// `script-src 'self' 'nonce-…'` the client failed to hydrate (kit.start threw "reading
		// 'data'" on every page), so forms fell back to plain posts; see the note on issue 8.
		csp: {
			mode: 'auto',
			directives: {
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
