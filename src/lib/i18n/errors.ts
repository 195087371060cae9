import * as m from '$lib/paraglide/messages';
import { GRADES_ERRORS } from './grades';
import { MESSAGES_ERRORS } from './messages';
import { ROLLOUT_ERRORS } from './rollout';
import { ACCOUNTS_ERRORS } from './accounts';
import { ROSTER_ERRORS } from './roster';
import { SPREADSHEET_ERRORS } from './spreadsheet';
import { TIMETABLE_ERRORS } from './timetable';
import { USAGE_ERRORS } from './usage';
import { GRADES_SHEET_ERRORS } from './grades-sheet';
import { PRIMARY_ERRORS } from './primary';
import { TIMETABLE_TT_ERRORS } from './timetable-tt';
import { CALENDAR_ERRORS } from './calendar';
import { NOTICE_FOLLOWUP_ERRORS } from './notice-followup';
import { GRADES_RULES_ERRORS } from './grades-rules';
import { YEAR_ROLLOVER_ERRORS } from './year-rollover';
import { YEAR_ERRORS } from './year';
import { YEAR_ADMIN_ERRORS } from './year-admin';
import { COMMUNICATION_MORE_ERRORS } from './communication-more';

type Params = Record<string, unknown>;
type Text = (p: Params) => string;

/** Codes of the shared zod schemas (`$lib/schemas/common.ts`) and of the forms' own checks. */
const VALIDATION: Record<string, Text> = {
	v_required: () => m.v_required(),
	v_invalid: () => m.v_invalid(),
	v_too_short: (p) => m.v_too_short({ min: String(p.min) }),
	v_too_long: (p) => m.v_too_long({ max: String(p.max) }),
	v_too_small: (p) => m.v_too_small({ min: String(p.min) }),
	v_too_big: (p) => m.v_too_big({ max: String(p.max) }),
	v_email: () => m.v_email(),
	v_phone: () => m.v_phone(),
	v_date: () => m.v_date(),
	v_integer: () => m.v_integer(),
	v_number: () => m.v_number(),
	v_choice: () => m.v_choice(),
	v_duplicate: () => m.v_duplicate(),
	v_not_found: () => m.v_not_found(),
	error_conflict: () => m.error_conflict(),
	account_password_mismatch: () => m.account_password_mismatch(),
	form_key_busy: () => m.saved_form_key_busy()
};

/**
 * The one registry from error codes to catalogue text: validation codes, and each module's
 * codes (its services' DomainErrors, its import checks). A new module adds its table here.
 * `tests/unit/error-registry.test.ts` fails when a code raised in `src/` has no text.
 */
export const ERROR_TEXTS: Readonly<Record<string, Text>> = {
	...VALIDATION,
	...ROSTER_ERRORS,
	...ROLLOUT_ERRORS,
	...USAGE_ERRORS,
	...TIMETABLE_ERRORS,
	...SPREADSHEET_ERRORS,
	...GRADES_ERRORS,
	...MESSAGES_ERRORS,
	...ACCOUNTS_ERRORS,
	...GRADES_SHEET_ERRORS,
	...PRIMARY_ERRORS,
	...TIMETABLE_TT_ERRORS,
	...CALENDAR_ERRORS,
	...NOTICE_FOLLOWUP_ERRORS,
	...GRADES_RULES_ERRORS,
	...YEAR_ROLLOVER_ERRORS,
	...YEAR_ERRORS,
	...YEAR_ADMIN_ERRORS,
	...COMMUNICATION_MORE_ERRORS
};

/** A code as services and schemas raise them: snake_case with at least one underscore. */
const CODE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;

/** The text of an error code in the reader's language; an unregistered code never shows raw. */
export function errorText(code: string, params: Params = {}): string {
	const text = ERROR_TEXTS[code];
	return text ? text(params) : m.error_refused();
}

/**
 * Translates an error as forms carry it: a code, or a code with JSON parameters
 * (`v_too_short|{"min":3}`). Text that is not a code (already translated) is shown as it is.
 */
export function translateError(message: string): string {
	const bar = message.indexOf('|');
	const code = bar === -1 ? message : message.slice(0, bar);
	if (!CODE.test(code)) return message;
	let params: Params = {};
	if (bar !== -1) {
		try {
			params = JSON.parse(message.slice(bar + 1));
		} catch {
			params = {};
		}
	}
	return errorText(code, params);
}

/** Codes that, on a select, can only mean that nothing was chosen (superforms gives an empty
 * number select 0, a plain form '', an enum ''): "at least 1" or "please type" mean nothing there. */
const NOTHING_CHOSEN = new Set(['v_required', 'v_choice', 'v_too_small', 'v_number', 'v_invalid']);

const lowerFirst = (label: string) =>
	label.length > 1 && label[1] === label[1].toLowerCase()
		? label[0].toLowerCase() + label.slice(1)
		: label;

/**
 * The error of a select in words (issue 9, item 11): a missing choice says "Chọn khối." with the
 * field's own label, whatever the schema's code; any other error as `translateError`. Field.svelte
 * uses it for every select.
 */
export function translateSelectError(message: string, label: string): string {
	const bar = message.indexOf('|');
	const code = bar === -1 ? message : message.slice(0, bar);
	return NOTHING_CHOSEN.has(code)
		? m.v_select_field({ field: lowerFirst(label) })
		: translateError(message);
}
