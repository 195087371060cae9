import * as m from '$lib/paraglide/messages';

/** Texts of the data deletion requests' error codes; spread into `$lib/i18n/errors`. */
export const COMMUNICATION_MORE_ERRORS: Record<string, () => string> = {
	deletion_v_confirm: () => m.commore_deletion_v_confirm(),
	deletion_no_school: () => m.commore_deletion_no_school(),
	deletion_not_pending: () => m.commore_deletion_not_pending()
};
