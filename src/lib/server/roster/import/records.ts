import type { z } from 'zod';
import { IMPORT_COLUMNS, matchHeaders, type ImportKind } from '../../../roster/import-columns';
import type { ParsedSheet } from './parse';

/**
 * From a parsed sheet to records keyed by field, and the error list every check appends to.
 * Errors are stored as message keys with parameters and translated when shown, in the reader's
 * language.
 */
export interface RowError {
	/** spreadsheet row (header = 1); 1 also for a problem with the header itself */
	row: number;
	/** the field of the column (null: the whole row or file) */
	field: string | null;
	code: string;
	params?: Record<string, string | number>;
	value?: string;
}

export interface ImportRecord {
	row: number;
	values: Record<string, string>;
}

export interface ReadResult {
	records: ImportRecord[];
	errors: RowError[];
	/** headers of the file that match no column (ignored, shown on the preview) */
	ignored: string[];
}

export function readRecords(kind: ImportKind, sheet: ParsedSheet): ReadResult {
	const fields = matchHeaders(kind, sheet.headers);
	const errors: RowError[] = [];
	const seen = new Set<string>();
	fields.forEach((f, i) => {
		if (!f) return;
		if (seen.has(f))
			errors.push({
				row: 1,
				field: f,
				code: 'roster_import_repeated_column',
				params: { column: sheet.headers[i] }
			});
		seen.add(f);
	});
	for (const c of IMPORT_COLUMNS[kind]) {
		if (c.required && !seen.has(c.field))
			errors.push({
				row: 1,
				field: c.field,
				code: 'roster_import_missing_column',
				params: { column: c.vi }
			});
	}
	const ignored = sheet.headers.filter((h, i) => h !== '' && fields[i] === null);
	const records = sheet.rows.map((r) => {
		const values: Record<string, string> = {};
		fields.forEach((f, i) => {
			if (f && !(f in values)) values[f] = r.cells[i] ?? '';
		});
		return { row: r.row, values };
	});
	return { records, errors, ignored };
}

/** Runs a form's zod schema on one row; its issues become row errors on their columns. */
export function parseRow<T extends z.ZodType>(
	schema: T,
	record: ImportRecord,
	input: Record<string, unknown>,
	errors: RowError[]
): z.infer<T> | null {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const done = new Set<string>();
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? '');
		if (done.has(field)) continue;
		done.add(field);
		const [code, json] = issue.message.split('|');
		errors.push({
			row: record.row,
			field: field || null,
			code,
			params: json ? JSON.parse(json) : undefined,
			value: field ? record.values[field] : undefined
		});
	}
	return null;
}

/** Vietnamese mobile and landline numbers have 10-11 digits with a leading 0 that spreadsheets drop. */
export function restorePhone(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	const digits = value.replace(/[\s.-]/g, '');
	return /^[1-9]\d{8,9}$/.test(digits) ? `0${digits}` : value;
}

/** Duplicate keys inside the file: the second and later rows get an error naming the first. */
export function markDuplicates<R extends { row: number }>(
	rows: R[],
	keyOf: (r: R) => string | null,
	field: string,
	errors: RowError[]
): Set<R> {
	const first = new Map<string, number>();
	const dupes = new Set<R>();
	for (const r of rows) {
		const key = keyOf(r);
		if (key === null) continue;
		const at = first.get(key);
		if (at === undefined) first.set(key, r.row);
		else {
			dupes.add(r);
			errors.push({ row: r.row, field, code: 'roster_import_duplicate', params: { row: at } });
		}
	}
	return dupes;
}
