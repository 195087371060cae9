import * as m from '$lib/paraglide/messages';

type Params = Record<string, unknown>;
const s = (v: unknown) => String(v ?? '');

/** Texts of the school-year form's and the principal's decision's and the per-pupil rollover targets' error codes (issue 11, session 12). */
export const YEAR_ADMIN_ERRORS: Record<string, (p: Params) => string> = {
	year_admin_name_format: () => m.ya_err_name_format(),
	year_admin_name_consecutive: () => m.ya_err_name_consecutive(),
	year_admin_start_year: (p) => m.ya_err_start_year({ year: s(p.year) }),
	year_admin_end_year: (p) => m.ya_err_end_year({ year: s(p.year) }),
	year_admin_end_before_start: () => m.ya_err_end_before_start(),
	year_admin_semester_outside: () => m.ya_err_semester_outside(),
	year_admin_semester_order: () => m.ya_err_semester_order(),
	year_admin_semesters_overlap: () => m.ya_err_semesters_overlap(),
	year_admin_overlaps: (p) => m.ya_err_overlaps({ year: s(p.year) }),
	year_admin_weeks_range: (p) => m.ys13_err_weeks_range({ max: s(p.max) }),
	year_admin_weeks_too_many: (p) => m.ys13_err_weeks_too_many({ weeks: s(p.weeks) }),
	year_admin_unknown: () => m.ya_err_unknown(),
	year_admin_not_editable: () => m.ya_err_not_editable(),
	year_admin_not_deletable: () => m.ys13_err_not_deletable(),
	year_admin_in_use: () => m.ys13_err_in_use(),
	rollover_pupil_unknown: () => m.yrp_err_unknown(),
	rollover_pupil_not_moving: () => m.yrp_err_not_moving(),
	rollover_pupil_target_wrong: () => m.yrp_err_target_wrong(),
	rollover_pupil_target_grade: () => m.yrp_err_target_grade(),
	rollover_pupil_targets_invalid: () => m.yrp_err_invalid()
};
