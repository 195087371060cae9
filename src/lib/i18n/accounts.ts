import * as m from '$lib/paraglide/messages';

/** Texts of the parents' accounts error codes (registered in `$lib/i18n/errors`). */
export const ACCOUNTS_ERRORS: Record<string, () => string> = {
	accounts_not_invited: () => m.accounts_not_invited(),
	accounts_managed_elsewhere: () => m.accounts_managed_elsewhere(),
	accounts_accept_required: () => m.accounts_accept_required()
};
