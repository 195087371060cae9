import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { bellField, bellsSchema } from '$lib/schemas/timetable';
import { savedRedirect, type RequestContext } from '$lib/server/action';
import { ConflictError, DomainError } from '$lib/server/errors';
import { bellForm, saveBells } from '$lib/server/timetable/bells';
import { errorText, translateError } from '$lib/i18n/errors';
import type { requireSchool } from '$lib/server/auth/access';

/** What a refused bell form gives back: the typed values, codes beside fields, or a form error. */
export interface BellsFailure {
	values: Record<string, string>;
	errors: Record<string, string[] | undefined>;
	error?: string;
}

type Ctx = RequestContext & { school: Awaited<ReturnType<typeof requireSchool>> };

/** `?/bells` of the timetable settings page: the school's bell times, errors beside the fields. */
export async function saveBellsAction(ctx: Ctx) {
	const raw = Object.fromEntries(await ctx.event.request.formData());
	const { count } = await bellForm(ctx.db, ctx.school.id);
	const echo = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).slice(0, 8) : '');
	const keys = [...Array.from({ length: count }, (_, i) => bellField(i)), 'periodMinutes'];
	const values = Object.fromEntries(keys.map((k) => [k, echo(k)]));
	const bellsFailure = (status: number, failure: Omit<BellsFailure, 'values'>) =>
		fail(status, { bells: { values, ...failure } satisfies BellsFailure });
	const parsed = bellsSchema(count).safeParse(raw);
	if (!parsed.success) {
		const flat = z.flattenError(parsed.error);
		const error = flat.formErrors[0] ? translateError(flat.formErrors[0]) : m.form_has_errors();
		return bellsFailure(400, { errors: flat.fieldErrors as BellsFailure['errors'], error });
	}
	try {
		await saveBells(ctx.db, ctx.actor, ctx.school.id, parsed.data);
	} catch (err) {
		if (err instanceof ConflictError)
			return bellsFailure(409, { errors: {}, error: m.error_conflict() });
		if (!(err instanceof DomainError)) throw err;
		const text = errorText(err.code, err.params);
		return err.field
			? bellsFailure(400, { errors: { [err.field]: [text] }, error: m.form_has_errors() })
			: bellsFailure(400, { errors: {}, error: text });
	}
	savedRedirect(ctx.event.url, 'timetable_bells_saved');
}
