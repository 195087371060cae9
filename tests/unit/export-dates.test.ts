import { describe, expect, it } from 'vitest';

/**
 * Issue 9, item 12: every export goes through the one spreadsheet module, and a calendar day in a
 * row is a `day('yyyy-mm-dd')` cell (XLSX: a date cell shown dd/mm/yyyy; CSV: dd/mm/yyyy for
 * Vietnamese Excel), never text formatted by the route. The modules that build export tables are
 * read from the source: a date formatter may appear only in a sentence of the notes (`m.…`).
 */
const builders = import.meta.glob('/src/**/*.ts', {
	query: '?raw',
	import: 'default',
	eager: true
});

describe('exports write days as date cells', () => {
	const files = Object.entries(builders as Record<string, string>).filter(
		([path, text]) =>
			!path.startsWith('/src/lib/server/spreadsheet/') &&
			/from '(\$lib\/server\/spreadsheet\/write|\.\.\/spreadsheet\/write|\.\/write)'/.test(text)
	);

	it('finds the export modules', () => {
		expect(files.length).toBeGreaterThanOrEqual(5);
	});

	it('formats no date as text in a row', () => {
		const bad: string[] = [];
		for (const [path, text] of files)
			text.split('\n').forEach((line, i) => {
				if (/formatDate(Time)?\(|toLocaleDateString\(/.test(line) && !/\bm\.\w+\(/.test(line))
					bad.push(`${path}:${i + 1}: ${line.trim()}`);
			});
		expect(bad).toEqual([]);
	});

	it('the spreadsheet writer is the only place that builds XLSX or CSV', () => {
		for (const [path, text] of Object.entries(builders as Record<string, string>))
			if (!path.startsWith('/src/lib/server/spreadsheet/'))
				expect(/from 'exceljs'|Papa\.unparse/.test(text), path).toBe(false);
	});
});
