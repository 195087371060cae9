import * as m from '$lib/paraglide/messages';

type Params = Record<string, unknown>;

/** Texts of the school-year switch's error codes (issue 11, session 11); spread into `$lib/i18n/errors`. */
export const YEAR_ERRORS: Record<string, (p: Params) => string> = {
	year_switch_unknown: () => m.year_switch_err_unknown(),
	year_switch_already_current: () => m.year_switch_err_already_current(),
	year_switch_not_later: () => m.year_switch_err_not_later(),
	year_switch_changed: () => m.year_switch_err_changed()
};
