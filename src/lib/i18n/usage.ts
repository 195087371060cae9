import * as m from '$lib/paraglide/messages';

type Params = Record<string, unknown>;

/** Texts of the usage module's error codes; registered in the one registry, `$lib/i18n/errors`. */
export const USAGE_ERRORS: Record<string, (p: Params) => string> = {
	usage_v_periods_or_minutes: () => m.usage_v_periods_or_minutes(),
	usage_v_date_window: () => m.usage_v_date_window(),
	usage_entry_read_only: () => m.usage_entry_read_only(),
	usage_token_platform_required: () => m.usage_token_platform_required(),
	usage_token_grades_no_platform: () => m.usage_token_grades_no_platform(),
	usage_import_no_header: () => m.usage_import_no_header(),
	usage_import_done: () => m.usage_import_done(),
	usage_import_expired: () => m.usage_import_expired(),
	usage_import_has_errors: (p) => m.usage_import_has_errors({ count: String(p.count ?? '') })
};
