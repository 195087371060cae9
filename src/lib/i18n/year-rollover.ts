import * as m from '$lib/paraglide/messages';

type Params = Record<string, unknown>;

/** Texts of the year rollover's error codes (issue 11); spread into `$lib/i18n/errors`. */
export const YEAR_ROLLOVER_ERRORS: Record<string, (p: Params) => string> = {
	rollover_target_required: () => m.yr_err_target_required(),
	rollover_target_both: () => m.yr_err_target_both(),
	rollover_target_wrong: () => m.yr_err_target_wrong(),
	rollover_no_next_year: () => m.yr_err_no_next_year(),
	rollover_nothing_to_move: () => m.yr_err_nothing_to_move(),
	rollover_already_done: () => m.yr_err_already_done(),
	rollover_changed: () => m.yr_err_changed()
};
