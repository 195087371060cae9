import * as m from '$lib/paraglide/messages';

type Params = Record<string, unknown>;

/** The validation messages named by keys in $lib/schemas/common.ts. */
const VALIDATION: Record<string, (p: Params) => string> = {
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
	account_password_mismatch: () => m.account_password_mismatch(),
	roster_v_code: () => m.roster_v_code(),
	roster_v_role: () => m.roster_v_role(),
	usage_v_periods_or_minutes: () => m.usage_v_periods_or_minutes(),
	usage_v_date_window: () => m.usage_v_date_window(),
	rollout_v_url: () => m.rollout_v_url(),
	rollout_v_code: () => m.rollout_v_code(),
	rollout_v_reason_required: () => m.rollout_v_reason_required(),
	rollout_v_target_before_start: () => m.rollout_v_target_before_start(),
	rollout_v_one_due: () => m.rollout_v_one_due()
};

/** Translates a validation key ("v_too_short|{"min":3}"); any other text is shown as it is. */
export function translateError(message: string): string {
	const bar = message.indexOf('|');
	const key = bar === -1 ? message : message.slice(0, bar);
	const fn = VALIDATION[key];
	if (!fn) return message;
	let params: Params = {};
	if (bar !== -1) {
		try {
			params = JSON.parse(message.slice(bar + 1));
		} catch {
			params = {};
		}
	}
	return fn(params);
}
