import * as m from '$lib/paraglide/messages';

type Params = Record<string, unknown>;

/** Texts of the messages module's error codes; registered in the one registry, `$lib/i18n/errors`. */
export const MESSAGES_ERRORS: Record<string, (p: Params) => string> = {
	messages_recipient_unavailable: () => m.messages_recipient_unavailable(),
	messages_no_guardian_account: () => m.messages_no_guardian_account()
};
