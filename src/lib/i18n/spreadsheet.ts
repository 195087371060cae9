import * as m from '$lib/paraglide/messages';
import type { SpreadsheetErrorCode } from '$lib/server/spreadsheet/errors';

/** The text of a spreadsheet reading error (SpreadsheetError) in the reader's language. */
const TEXTS: Record<SpreadsheetErrorCode, (max: string) => string> = {
	no_file: () => m.spreadsheet_no_file(),
	too_big: (max) => m.spreadsheet_too_big({ max }),
	bad_type: () => m.spreadsheet_bad_type(),
	unreadable: () => m.spreadsheet_unreadable(),
	not_utf8: () => m.spreadsheet_not_utf8(),
	empty: () => m.spreadsheet_empty(),
	too_many_rows: (max) => m.spreadsheet_too_many_rows({ max }),
	too_many_cells: (max) => m.spreadsheet_too_many_cells({ max }),
	inflates_too_much: (max) => m.spreadsheet_inflates_too_much({ max }),
	timeout: () => m.spreadsheet_timeout()
};

export function spreadsheetText(err: {
	code: SpreadsheetErrorCode;
	params: Record<string, number>;
}) {
	const max = err.params.max;
	return TEXTS[err.code](max === undefined ? '' : String(max));
}
