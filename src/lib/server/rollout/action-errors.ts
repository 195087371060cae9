import { fail } from '@sveltejs/kit';
import { message, setError, type SuperValidated } from 'sveltekit-superforms';
import * as m from '$lib/paraglide/messages';
import { rolloutError } from '$lib/i18n/rollout';
import { ConflictError, DomainError } from '../errors';

/**
 * Maps a service error to the form: a stale version to the conflict message (409), a refused
 * rule to its message (400), a duplicate to the field. Anything else is a real error.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function formFailure<T extends SuperValidated<any>>(form: T, err: unknown) {
	if (err instanceof ConflictError)
		return message(form, { type: 'error', text: m.error_conflict() }, { status: 409 });
	if (err instanceof DomainError) {
		const field = err.params.field;
		if (typeof field === 'string' && field in form.data)
			return setError(form, field as never, rolloutError(err.code, err.params));
		return message(
			form,
			{ type: 'error', text: rolloutError(err.code, err.params) },
			{ status: 400 }
		);
	}
	throw err;
}

/** The same for plain (non-superforms) actions: `{ [key]: { error } }` with the status. */
export function plainFailure(key: string, err: unknown) {
	if (err instanceof ConflictError) return fail(409, { [key]: { error: m.error_conflict() } });
	if (err instanceof DomainError)
		return fail(400, { [key]: { error: rolloutError(err.code, err.params) } });
	throw err;
}
