import * as m from '$lib/paraglide/messages';

type Params = Record<string, unknown>;

/** Texts of the notice follow-up error codes (reminders); spread into `$lib/i18n/errors`. */
export const NOTICE_FOLLOWUP_ERRORS: Record<string, (p: Params) => string> = {
	notices_remind_too_soon: (p) => m.nremind_too_soon({ minutes: String(p.minutes ?? '') }),
	notices_remind_closed: () => m.nremind_closed(),
	deliveries_not_dead: () => m.deadlist_not_dead()
};
