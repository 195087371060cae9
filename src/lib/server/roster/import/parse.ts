import { SHEET_LIMITS, type SheetRow } from '../../spreadsheet/limits';
import { readSheet } from '../../spreadsheet/read';

/**
 * An import file as the roster checks read it: the header row and the data rows (non-empty, with
 * the row numbers the user sees). Reading and its limits are the spreadsheet module's.
 */
export const IMPORT_LIMITS = { maxBytes: SHEET_LIMITS.maxBytes, maxRows: SHEET_LIMITS.maxRows };

export interface ParsedSheet {
	headers: string[];
	rows: SheetRow[];
}

export function toImportSheet(rows: SheetRow[]): ParsedSheet {
	const [header, ...data] = rows;
	return { headers: header?.cells ?? [], rows: data };
}

/** Throws SpreadsheetError (spreadsheet/errors.ts) when the file cannot be used. */
export async function parseImportFile(name: string, bytes: Uint8Array): Promise<ParsedSheet> {
	return toImportSheet(await readSheet(name, bytes, IMPORT_LIMITS));
}
