import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_TEXTS, errorText, translateError } from '../../src/lib/i18n/errors';

/** Every .ts and .svelte file under src/ (the generated message catalogue excluded). */
function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (name === 'paraglide') return [];
		if (statSync(full).isDirectory()) return sourceFiles(full);
		return /\.(ts|svelte)$/.test(name) ? [full] : [];
	});
}

/**
 * The error codes raised in src/: DomainErrors, field errors, import-row errors, file errors and
 * the message keys of zod schemas. Each must have a text in the one registry.
 */
function raisedCodes(): Map<string, string> {
	const patterns = [
		/new DomainError\(\s*'([a-z0-9_]+)'/g,
		/fieldError\(\s*'[A-Za-z]+',\s*'([a-z0-9_]+)'/g,
		/ImportFileError\(\s*'([a-z0-9_]+)'/g,
		/\bcode: '([a-z]+_[a-z0-9_]+)'/g,
		/\bmessage: '([a-z]+_[a-z0-9_]+)'/g,
		/\bkey\('([a-z0-9_]+)'/g
	];
	const codes = new Map<string, string>();
	for (const file of sourceFiles('src')) {
		const text = readFileSync(file, 'utf8');
		for (const pattern of patterns)
			for (const match of text.matchAll(pattern)) codes.set(match[1], file);
	}
	return codes;
}

describe('the error registry', () => {
	it('has a text for every error code raised in the source', () => {
		const codes = raisedCodes();
		expect(codes.size).toBeGreaterThan(40);
		const missing = [...codes].filter(([code]) => !ERROR_TEXTS[code]);
		expect(missing.map(([code, file]) => `${code} (${file})`)).toEqual([]);
	});

	it('never shows an unknown code as it is', () => {
		expect(errorText('module_code_nobody_registered')).not.toContain('module_code');
		expect(translateError('module_code_nobody_registered')).not.toContain('module_code');
	});

	it('fills parameters and leaves already translated text alone', () => {
		expect(translateError('v_too_short|{"min":3}')).toContain('3');
		expect(translateError('Đã lưu.')).toBe('Đã lưu.');
		expect(translateError('v_too_long|{not json')).not.toContain('{');
	});
});
