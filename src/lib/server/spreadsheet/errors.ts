/**
 * A file-level problem with an uploaded spreadsheet. `code` names the message
 * `spreadsheet_<code>` (messages/{vi,en}/spreadsheet.json; `spreadsheetText` in $lib/i18n/spreadsheet).
 */
export type SpreadsheetErrorCode =
	| 'no_file'
	| 'too_big'
	| 'bad_type'
	| 'unreadable'
	| 'not_utf8'
	| 'empty'
	| 'too_many_rows'
	| 'too_many_cells'
	| 'inflates_too_much'
	| 'timeout';

export class SpreadsheetError extends Error {
	constructor(
		public readonly code: SpreadsheetErrorCode,
		public readonly params: Record<string, number> = {}
	) {
		super(`spreadsheet_${code}`);
	}
}
