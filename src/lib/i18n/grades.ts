import * as m from '$lib/paraglide/messages';

type Params = Record<string, unknown>;

/** Texts of the grades module's error codes; registered in the one registry, `$lib/i18n/errors`. */
export const GRADES_ERRORS: Record<string, (p: Params) => string> = {
	grades_v_not_a_number: () => m.grades_v_not_a_number(),
	grades_v_out_of_range: () => m.grades_v_out_of_range(),
	grades_v_too_many_decimals: () => m.grades_v_too_many_decimals(),
	grades_v_not_an_integer: () => m.grades_v_not_an_integer(),
	grades_v_not_in_plan: () => m.grades_v_not_in_plan(),
	grades_v_comment: () => m.grades_v_comment(),
	grades_v_score_only: () => m.grades_v_score_only(),
	grades_pupil_not_in_class: () => m.grades_pupil_not_in_class()
};
