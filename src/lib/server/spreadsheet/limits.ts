import { stripControlChars } from '../../text';
/**
 * Limits of one uploaded spreadsheet. The byte and row limits are the imports' (issue 4); the
 * others bound what a small file may expand to: an XLSX is a zip archive, and 3 MB of deflated
 * XML can hold 250 MB of repeated cells (a "decompression bomb").
 */
export interface SheetLimits {
	/** size of the uploaded file */
	maxBytes: number;
	/** data rows, the header not counted */
	maxRows: number;
	/** cells of the sheet, empty ones included */
	maxCells: number;
	/** highest column */
	maxColumns: number;
	/** bytes inflated from the archive, all parts together: counted while inflating */
	maxInflatedBytes: number;
	/** wall-clock time of one parse, in the worker */
	timeoutMs: number;
}

export const SHEET_LIMITS: SheetLimits = {
	maxBytes: 5 * 1024 * 1024,
	maxRows: 10_000,
	maxCells: 500_000,
	maxColumns: 200,
	maxInflatedBytes: 64 * 1024 * 1024,
	timeoutMs: 30_000
};

/** One row as the user sees it in a spreadsheet: `row` 1 is the first line of the file. */
export interface SheetRow {
	row: number;
	cells: string[];
}

/**
 * Every cell is NFC-normalised, trimmed text with inner whitespace collapsed and control characters
 * (NUL and the like, which PostgreSQL text refuses) removed.
 */
export function cleanCell(value: string): string {
	return stripControlChars(value).normalize('NFC').replace(/\s+/g, ' ').trim();
}
