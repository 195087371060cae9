import { parseCsv } from './csv';
import { SpreadsheetError } from './errors';
import type { SheetLimits, SheetRow } from './limits';
import { parseXlsx } from './xlsx';

export type SheetKind = 'csv' | 'xlsx';

/** The kind of an upload by its extension (.txt is read as CSV), or null. */
export function sheetKindOf(fileName: string): SheetKind | null {
	const ext = fileName.toLowerCase().split('.').pop();
	if (ext === 'csv' || ext === 'txt') return 'csv';
	if (ext === 'xlsx') return 'xlsx';
	return null;
}

/**
 * The non-empty rows of the file, header first, on the calling thread: `readSheet` (read.ts) runs
 * this in a worker. Throws SpreadsheetError.
 */
export function parseSheet(kind: SheetKind, bytes: Uint8Array, limits: SheetLimits): SheetRow[] {
	let rows: SheetRow[];
	try {
		rows = kind === 'csv' ? parseCsv(bytes, limits) : parseXlsx(bytes, limits);
	} catch (e) {
		if (e instanceof SpreadsheetError) throw e;
		throw new SpreadsheetError('unreadable');
	}
	if (rows.length < 2) throw new SpreadsheetError('empty');
	return rows;
}
