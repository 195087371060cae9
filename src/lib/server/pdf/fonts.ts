import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The TrueType fonts of PDFs: DejaVu Sans (covers Vietnamese: every precomposed letter with its
 * marks), from the `dejavu-fonts-ttf` npm package. The files are found at run time through Node's
 * module resolution from this file, never imported through Vite, so the same code works under
 * `vite dev`, vitest and the built adapter-node server (whose chunks resolve `node_modules` of the
 * install). `PDF_FONT_DIR` (a folder with the same file names) overrides it for an install without
 * node_modules beside the build.
 */
export const FONT_FILES = {
	regular: 'DejaVuSans.ttf',
	bold: 'DejaVuSans-Bold.ttf',
	italic: 'DejaVuSans-Oblique.ttf'
} as const;

export type FontStyle = keyof typeof FONT_FILES;

let cached: string | null = null;

function fontDir(): string {
	if (cached) return cached;
	const override = process.env.PDF_FONT_DIR;
	if (override) return (cached = override);
	const require = createRequire(import.meta.url);
	const pkg = require.resolve('dejavu-fonts-ttf/package.json');
	return (cached = join(dirname(pkg), 'ttf'));
}

/** The absolute path of one font file; throws naming the file when it is missing. */
export function fontPath(style: FontStyle): string {
	const path = join(fontDir(), FONT_FILES[style]);
	if (!existsSync(path))
		throw new Error(`PDF font not found: ${path} (npm package dejavu-fonts-ttf)`);
	return path;
}
