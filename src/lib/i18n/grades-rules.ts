import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

type Params = Record<string, unknown>;

/** Error texts of the session-10 grade rules (make-up days, awards, test plan), in ERROR_TEXTS. */
export const GRADES_RULES_ERRORS: Record<string, (p: Params) => string> = {
	calendar_make_up_taken: () => m.gr_make_up_taken(),
	calendar_make_up_already_school_day: () => m.gr_make_up_already_school_day(),
	primary_award_no_result: () => m.gr_award_no_result(),
	primary_award_not_eligible: () => m.gr_award_not_eligible(),
	primary_award_pupil_not_in_class: () => m.gr_award_pupil_not_in_class(),
	primary_award_bad_area: () => m.gr_award_bad_area(),
	primary_test_remove_has_scores: (p) => {
		const args = {
			subject: String((getLocale() === 'en' ? p.subjectEn : p.subjectVi) ?? ''),
			grade: String(p.grade ?? ''),
			count: String(p.count ?? '')
		};
		return p.test === 'mid'
			? m.gr_test_remove_has_scores_mid(args)
			: m.gr_test_remove_has_scores_end(args);
	}
};
