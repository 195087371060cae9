import * as m from '$lib/paraglide/messages';

type Params = Record<string, unknown>;
const max = (p: Params) => String(p.max ?? '');

/** Texts of the spreadsheet reader's codes (SpreadsheetError); registered in `$lib/i18n/errors`. */
export const SPREADSHEET_ERRORS: Record<string, (p: Params) => string> = {
	spreadsheet_no_file: () => m.spreadsheet_no_file(),
	spreadsheet_too_big: (p) => m.spreadsheet_too_big({ max: max(p) }),
	spreadsheet_bad_type: () => m.spreadsheet_bad_type(),
	spreadsheet_unreadable: () => m.spreadsheet_unreadable(),
	spreadsheet_not_utf8: () => m.spreadsheet_not_utf8(),
	spreadsheet_empty: () => m.spreadsheet_empty(),
	spreadsheet_too_many_rows: (p) => m.spreadsheet_too_many_rows({ max: max(p) }),
	spreadsheet_too_many_cells: (p) => m.spreadsheet_too_many_cells({ max: max(p) }),
	spreadsheet_inflates_too_much: (p) => m.spreadsheet_inflates_too_much({ max: max(p) }),
	spreadsheet_timeout: () => m.spreadsheet_timeout()
};
