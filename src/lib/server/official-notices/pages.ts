import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { officialNoticeSchema } from '$lib/schemas/official-notices';
import { newFormKey, onceByFormKey, plainFailure, type RequestContext } from '../action';
import { DomainError } from '../errors';
import { attachmentStorage, formFiles } from '../messages/pages';
import { sendOfficialNotice } from './send';

/**
 * The glue of the sending form: the plain form read and validated by zod (values given back on a
 * 400, at most `ECHO_LIMIT` characters each), sent once per form key, errors beside their field.
 */
const ECHO_LIMIT = 40_000;
const FIELDS = ['formKey', 'title', 'body', 'area', 'schools', 'includeTeachers'] as const;

export interface NoticeFormFailure {
	values: Record<string, string>;
	errors: Record<string, string[] | undefined>;
	error?: string;
	formKey: string;
}

function failure(status: number, values: Record<string, string>, rest: Partial<NoticeFormFailure>) {
	return fail(status, {
		values,
		errors: {},
		...rest,
		formKey: newFormKey()
	} satisfies NoticeFormFailure);
}

/** Sends the posted notice once (the same form key again answers with the same notice). */
export async function sendFromForm(ctx: RequestContext) {
	const data = await ctx.event.request.formData();
	const files = await formFiles(data);
	const raw = Object.fromEntries(
		FIELDS.map((k) => {
			const v = data.get(k);
			return [k, typeof v === 'string' ? v : undefined];
		})
	);
	const values = Object.fromEntries(
		FIELDS.filter((k) => k !== 'formKey').map((k) => [k, (raw[k] ?? '').slice(0, ECHO_LIMIT)])
	);
	const parsed = officialNoticeSchema.safeParse(raw);
	if (!parsed.success) {
		const errors = z.flattenError(parsed.error).fieldErrors as NoticeFormFailure['errors'];
		return { failure: failure(400, values, { errors }) };
	}
	const input = parsed.data;
	try {
		const { value } = await onceByFormKey(ctx, 'official_notice.send', input.formKey, () =>
			sendOfficialNotice(
				ctx.db,
				ctx.actor,
				input,
				files.length ? { storage: attachmentStorage(), files } : undefined
			)
		);
		return { sent: value };
	} catch (err) {
		if (err instanceof DomainError && err.field) {
			const errors = { [err.field]: [`${err.code}|${JSON.stringify(err.params)}`] };
			return { failure: failure(400, values, { errors }) };
		}
		const known = plainFailure(err);
		return { failure: failure(known.status, values, { error: known.data.error }) };
	}
}
