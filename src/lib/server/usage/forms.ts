import { fail } from '@sveltejs/kit';
import { message, setError, type SuperValidated } from 'sveltekit-superforms';
import * as m from '$lib/paraglide/messages';
import { translateError } from '$lib/i18n/errors';
import { ConflictError, DomainError } from '../errors';

/** The text of a usage DomainError in the reader's language. */
export function domainText(err: DomainError): string {
	const p = err.params;
	const texts: Record<string, () => string> = {
		usage_entry_read_only: m.usage_entry_read_only,
		usage_token_platform_required: m.usage_token_platform_required,
		usage_import_unreadable: m.usage_import_unreadable,
		usage_import_no_header: m.usage_import_no_header,
		usage_import_too_many: m.usage_import_too_many,
		usage_import_done: m.usage_import_done,
		usage_import_expired: m.usage_import_expired,
		usage_import_has_errors: () => m.usage_import_has_errors({ count: String(p.count ?? '') })
	};
	return texts[err.code]?.() ?? translateError(err.code);
}

/**
 * Maps a service error to the form: a DomainError beside its field (params.field) or above the
 * form, a ConflictError as "changed meanwhile". Anything else is thrown on.
 */
export function formFailure<T extends Record<string, unknown>, In extends Record<string, unknown>>(
	form: SuperValidated<T, App.Superforms.Message, In>,
	err: unknown
) {
	if (err instanceof DomainError) {
		const field = err.params.field;
		if (typeof field === 'string' && field in form.data)
			return setError(form, field as never, domainText(err));
		return message(form, { type: 'error', text: domainText(err) }, { status: 400 });
	}
	if (err instanceof ConflictError)
		return message(form, { type: 'error', text: m.error_conflict() }, { status: 409 });
	throw err;
}

/** For plain (non-superforms) actions: the error text, or rethrow. */
export function plainFailure(err: unknown, status = 400) {
	if (err instanceof DomainError) return fail(status, { error: domainText(err) });
	if (err instanceof ConflictError) return fail(409, { error: m.error_conflict() });
	throw err;
}
