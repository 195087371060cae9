import * as m from '$lib/paraglide/messages';

type Params = Record<string, unknown>;

/** Texts of the messages module's error codes; registered in the one registry, `$lib/i18n/errors`. */
export const MESSAGES_ERRORS: Record<string, (p: Params) => string> = {
	messages_recipient_unavailable: () => m.messages_recipient_unavailable(),
	messages_no_guardian_account: () => m.messages_no_guardian_account(),
	notices_no_recipients: () => m.notices_no_recipients(),
	official_notices_area_required: () => m.offnotice_area_required(),
	official_notices_unknown_area: () => m.offnotice_unknown_area(),
	official_notices_unknown_schools: (p) =>
		m.offnotice_unknown_schools({ codes: String(p.codes ?? '') }),
	official_notices_no_schools: () => m.offnotice_no_schools(),
	notices_unknown_class: () => m.notices_unknown_class(),
	notices_unknown_pupils: (p) => m.notices_unknown_pupils({ codes: String(p.codes ?? '') }),
	notices_nobody_to_remind: () => m.notices_nobody_to_remind(),
	notices_cannot_confirm: () => m.notices_cannot_confirm(),
	leave_not_own_child: () => m.leave_not_own_child(),
	leave_already_answered: () => m.leave_already_answered(),
	leave_v_order: () => m.leave_v_order(),
	leave_v_too_long: () => m.leave_v_too_long(),
	messages_attachment_too_many: (p) => m.messages_attachment_too_many({ max: String(p.max) }),
	messages_attachment_too_large: (p) => m.messages_attachment_too_large({ max: String(p.max) }),
	messages_attachment_empty: (p) => m.messages_attachment_empty({ name: String(p.name ?? '') }),
	messages_attachment_type_not_allowed: (p) =>
		m.messages_attachment_type_not_allowed({ name: String(p.name ?? '') }),
	messages_attachment_content_mismatch: (p) =>
		m.messages_attachment_content_mismatch({ name: String(p.name ?? '') }),
	officehours_v_time: () => m.officehours_v_time(),
	officehours_v_pair: () => m.officehours_v_pair(),
	officehours_v_order: () => m.officehours_v_order(),
	officehours_v_overlap: () => m.officehours_v_overlap(),
	quiethours_v_time: () => m.quiethours_v_time(),
	quiethours_v_pair: () => m.quiethours_v_pair(),
	quiethours_v_same: () => m.quiethours_v_same(),
	figures_holiday_exists: () => m.figures_holiday_exists(),
	push_v_endpoint: () => m.push_v_endpoint(),
	push_v_keys: () => m.push_v_keys(),
	push_v_host: () => m.push_v_host(),
	push_v_body: () => m.push_v_body()
};
