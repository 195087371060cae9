import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, type SuperValidated } from 'sveltekit-superforms';
import * as m from '$lib/paraglide/messages';
import { rosterText } from '$lib/i18n/roster';
import { notFound, requireSchool, type SchoolPermission } from '../auth/access';
import { getDb } from '../db';
import { ConflictError, DomainError, FieldError } from '../errors';
import type { Actor } from './context';

/**
 * Maps the services' typed errors onto a superform: a stale version to the conflict message (409,
 * nothing saved), a field rule to the message beside that field, another rule to the form message.
 * Anything else (404 from access.ts, database failures) goes on to SvelteKit.
 */
export function serviceFailure<T extends Record<string, unknown>>(
	form: SuperValidated<T, App.Superforms.Message>,
	err: unknown
) {
	if (err instanceof ConflictError)
		return message(form, { type: 'error', text: m.error_conflict() }, { status: 409 });
	if (err instanceof FieldError)
		return setError(form, err.field as never, rosterText(err.code, err.params));
	if (err instanceof DomainError)
		return message(
			form,
			{ type: 'error', text: rosterText(err.code, err.params) },
			{ status: 400 }
		);
	throw err;
}

/** The same mapping for the small forms without superforms (status buttons, unlink). */
export function plainFailure(err: unknown, status?: 400) {
	if (status === 400) return fail(400, { error: m.form_has_errors() });
	if (err instanceof ConflictError) return fail(409, { error: m.error_conflict() });
	if (err instanceof DomainError) return fail(400, { error: rosterText(err.code, err.params) });
	throw err;
}

/** A numeric route parameter, or a 404. */
export function pathId(value: string | undefined): number {
	return value && /^\d{1,9}$/.test(value) ? Number(value) : notFound();
}

export function actorOf(locals: App.Locals): Actor {
	return { principal: locals.user!, requestId: locals.requestId };
}

/**
 * Wraps a page's actions so that each first proves the caller manages the school of the URL
 * (404 otherwise), before reading the form: someone outside the scope learns nothing, not even
 * whether their form was valid.
 */
export function managedActions<T extends object>(
	actions: T,
	permission: Extract<SchoolPermission, 'roster.manage' | 'school.edit'> = 'roster.manage'
): T {
	const wrapped: Record<string, (event: RequestEvent) => unknown> = {};
	for (const [name, action] of Object.entries(actions) as [
		string,
		(event: RequestEvent) => unknown
	][]) {
		wrapped[name] = async (event: RequestEvent) => {
			await requireSchool(getDb(), event.locals.user!, Number(event.params.schoolId), permission);
			return action(event);
		};
	}
	return wrapped as T;
}
