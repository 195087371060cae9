import Papa from 'papaparse';
import { SpreadsheetError } from './errors';
import { cleanCell, type SheetLimits, type SheetRow } from './limits';

/**
 * The one decoding rule for uploaded CSV: strict UTF-8, with or without a byte-order mark. A file
 * saved in a legacy code page (Windows-1258, TCVN3) is refused with `not_utf8` rather than read as
 * garbled Vietnamese. Separator: comma, semicolon (Vietnamese Excel) or tab, whichever the header line uses most;
 * a first line `sep=;` (written by Excel and by our exports) is skipped.
 */
export function decodeUtf8(bytes: Uint8Array): string {
	try {
		// ignoreBOM false: the decoder drops a leading BOM itself.
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		throw new SpreadsheetError('not_utf8');
	}
}

/** The separator of the header line: the most frequent of comma, semicolon and tab. */
function separatorOf(text: string): string {
	const header = text.slice(0, text.search(/\r?\n|$/)).replace(/"[^"]*"/g, '');
	const count = (sep: string) => header.split(sep).length;
	return [',', ';', '\t'].reduce((best, sep) => (count(sep) > count(best) ? sep : best));
}

export function parseCsv(bytes: Uint8Array, limits: SheetLimits): SheetRow[] {
	const text = decodeUtf8(bytes).replace(/^sep=.\r?\n/i, '');
	const result = Papa.parse<string[]>(text, {
		delimiter: separatorOf(text),
		skipEmptyLines: false
	});
	if (result.errors.some((e) => e.type === 'Quotes')) throw new SpreadsheetError('unreadable');
	const rows: SheetRow[] = [];
	let cellCount = 0;
	result.data.forEach((raw, i) => {
		cellCount += raw.length;
		if (cellCount > limits.maxCells || raw.length > limits.maxColumns)
			throw new SpreadsheetError('too_many_cells', { max: limits.maxCells });
		const cells = raw.map(cleanCell);
		if (!cells.some((c) => c !== '')) return;
		if (rows.length > limits.maxRows)
			throw new SpreadsheetError('too_many_rows', { max: limits.maxRows });
		rows.push({ row: i + 1, cells });
	});
	return rows;
}
