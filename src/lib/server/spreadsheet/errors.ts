import { DomainError } from '../errors';

/**
 * A file-level problem with an uploaded spreadsheet: a DomainError of code `spreadsheet_<reason>`
 * beside the form's `file` field, so the action layer shows it like any other refusal (texts in
 * `$lib/i18n/spreadsheet`, registered in `$lib/i18n/errors`).
 */
export type SpreadsheetProblem =
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

export class SpreadsheetError extends DomainError {
	constructor(
		public readonly problem: SpreadsheetProblem,
		params: Record<string, number> = {}
	) {
		super(`spreadsheet_${problem}`, params, 'file');
	}
}
