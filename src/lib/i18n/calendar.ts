import * as m from '$lib/paraglide/messages';

type Params = Record<string, unknown>;

/** Error texts of the school calendar, spread into ERROR_TEXTS. */
export const CALENDAR_ERRORS: Record<string, (p: Params) => string> = {
	calendar_v_end_before_start: () => m.calendar_v_end_before_start(),
	calendar_outside_year: (p) => m.calendar_outside_year({ year: String(p.year ?? '') }),
	attendance_day_off: (p) => m.attendance_day_off({ name: String(p.name ?? '') })
};
