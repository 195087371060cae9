import { fail, redirect, type ActionFailure } from '@sveltejs/kit';
import { message, setError, superValidate, type SuperValidated } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { errorText } from '$lib/i18n/errors';
import { ConflictError, DomainError, FieldErrors, uniqueViolationError } from '../errors';
import type { SavedKey } from '$lib/saved';
import type { RequestContext } from './context';
import { savedRedirect } from './saved';

/** Reads and validates the posted form of `schema` (zod converts every field; no `Number(...)`). */
export function readForm<S extends z.ZodObject>(ctx: RequestContext, schema: S, id: string) {
	return superValidate(ctx.event.request, zod4(schema), { id });
}

/**
 * Reads a small form without superforms (a button with a hidden id and version): the parsed
 * values, or null when they do not validate (answer with `plainInvalid`).
 */
export async function readPlainForm<S extends z.ZodType>(
	ctx: RequestContext,
	schema: S
): Promise<z.infer<S> | null> {
	const parsed = schema.safeParse(Object.fromEntries(await ctx.event.request.formData()));
	return parsed.success ? parsed.data : null;
}

/** The domain error that `err` stands for, or null for anything unexpected (it goes on to a 500). */
function asDomainError(err: unknown): DomainError | ConflictError | null {
	if (err instanceof DomainError || err instanceof ConflictError) return err;
	return uniqueViolationError(err);
}

/**
 * The one mapping from the services' errors to a superform: a stale version to the conflict
 * message (409, what the user typed is kept), a rule with a field beside that field (each field of
 * a `FieldErrors` at once), another rule above the form (400), a unique violation as the field's
 * "already exists". Anything else is a real error and is thrown on (handleError logs it; a 500
 * page with a request id).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function formFailure<T extends SuperValidated<any, any, any>>(form: T, err: unknown) {
	const known = asDomainError(err);
	if (!known) throw err;
	if (known instanceof ConflictError)
		return message(form, { type: 'error', text: m.error_conflict() }, { status: 409 });
	if (known instanceof FieldErrors) {
		for (const e of known.errors.filter((e) => e.field && e.field in form.data))
			setError(form, e.field as never, errorText(e.code, e.params));
		if (Object.keys(form.errors).length) return fail(400, { form });
	}
	const text = errorText(known.code, known.params);
	if (known.field && known.field in form.data) return setError(form, known.field as never, text);
	return message(form, { type: 'error', text }, { status: 400 });
}

/**
 * The same for the small forms without superforms (a status button, an unlink): `{ error }`, or
 * `{ [key]: { error } }` when the page has several such forms.
 */
export function plainFailure(err: unknown): ActionFailure<{ error: string }>;
export function plainFailure<K extends string>(
	err: unknown,
	key: K
): ActionFailure<Record<K, { error: string }>>;
export function plainFailure(err: unknown, key?: string): ActionFailure<Record<string, unknown>> {
	const known = asDomainError(err);
	if (!known) throw err;
	const status = known instanceof ConflictError ? 409 : 400;
	const error =
		known instanceof ConflictError ? m.error_conflict() : errorText(known.code, known.params);
	return fail(status, key ? { [key]: { error } } : { error });
}

/** A small form that did not validate: the generic "check the form" text. */
export function plainInvalid(): ActionFailure<{ error: string }>;
export function plainInvalid<K extends string>(key: K): ActionFailure<Record<K, { error: string }>>;
export function plainInvalid(key?: string): ActionFailure<Record<string, unknown>> {
	const error = m.form_has_errors();
	return fail(400, key ? { [key]: { error } } : { error });
}

/** Where a small form's service step sends the user: a saved text (and figures) or another page. */
export type PlainOutcome =
	| { saved: SavedKey; figures?: Record<string, string | number>; path?: string }
	| { redirect: string };

/**
 * The whole action of a small form (a status button, a remove, a publish): reads the form with
 * `schema`, runs the service step, answers a refused form or a service error beside the form named
 * `key` (`plainInvalid`, `plainFailure`), and ends a success with Post/Redirect/Get.
 *
 * ```ts
 * remove: plainAction(removeRoomSchema, 'rooms', async (ctx, data) => {
 *   await removeRoom(ctx.db, ctx.actor, ctx.school.id, data.roomId);
 *   return { saved: 'timetable_room_removed' };
 * })
 * ```
 */
export function plainAction<C extends RequestContext, S extends z.ZodType, K extends string>(
	schema: S,
	key: K | null,
	run: (ctx: C, data: z.infer<S>) => Promise<PlainOutcome>
) {
	return async (ctx: C) => {
		const data = await readPlainForm(ctx, schema);
		if (data === null) return key === null ? plainInvalid() : plainInvalid(key);
		let outcome: PlainOutcome;
		try {
			outcome = await run(ctx, data);
		} catch (err) {
			return key === null ? plainFailure(err) : plainFailure(err, key);
		}
		if ('redirect' in outcome) redirect(303, outcome.redirect);
		savedRedirect(ctx.event.url, outcome.saved, outcome.figures, outcome.path);
	};
}
