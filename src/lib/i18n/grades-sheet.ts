import * as m from '$lib/paraglide/messages';

type Params = Record<string, unknown>;

/** Texts of the gradebook import's error codes; registered in `$lib/i18n/errors`. */
export const GRADES_SHEET_ERRORS: Record<string, (p: Params) => string> = {
	grades_sheet_no_code_column: () => m.grades_sheet_no_code_column(),
	grades_sheet_no_version_column: () => m.grades_sheet_no_version_column(),
	grades_sheet_duplicate_column: () => m.grades_sheet_duplicate_column(),
	grades_sheet_bad_code: () => m.grades_sheet_bad_code(),
	grades_sheet_duplicate_pupil: () => m.grades_sheet_duplicate_pupil(),
	grades_sheet_bad_version: () => m.grades_sheet_bad_version(),
	grades_sheet_unknown_pupil: (p) => m.grades_sheet_unknown_pupil({ code: String(p.code ?? '') }),
	grades_sheet_row_changed: () => m.grades_sheet_row_changed()
};
