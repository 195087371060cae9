import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { noticeButtonSchema, noticeSchema } from '$lib/schemas/messages';
import {
	plainFailure,
	plainInvalid,
	readPlainForm,
	routeId,
	type RequestContext,
	type Scope
} from '../action';
import { notFound } from '../auth/access';
import { attachmentsOfNotice } from './attachments';
import { formFiles, type MessageFormFailure } from './pages';
import { confirmNotice, openNotice } from './notice-read';

/**
 * The glue of the notice pages: reading the sending form (checkboxes and a multiple select come as
 * repeated fields), the recipient's scope (a notice addressed to the caller, else 404) and the
 * confirm button.
 */
const ECHO_LIMIT = 40_000;

export async function readNoticeForm(ctx: RequestContext) {
	const data = await ctx.event.request.formData();
	const files = await formFiles(data);
	const text = (k: string) => {
		const v = data.get(k);
		return typeof v === 'string' ? v : undefined;
	};
	const raw = {
		title: text('title'),
		body: text('body'),
		target: text('target'),
		grades: data.getAll('grades').slice(0, 100),
		classes: data.getAll('classes').slice(0, 1000),
		students: text('students'),
		requiresConfirmation: text('requiresConfirmation'),
		confirmBy: text('confirmBy')
	};
	const values = Object.fromEntries(
		Object.entries(raw).map(([k, v]) => [
			k,
			Array.isArray(v)
				? v.filter((x) => typeof x === 'string').join(',')
				: (v ?? '').slice(0, ECHO_LIMIT)
		])
	);
	const parsed = noticeSchema.safeParse(raw);
	if (parsed.success) return { data: parsed.data, values, files };
	const errors = z.flattenError(parsed.error).fieldErrors as MessageFormFailure['errors'];
	return { failure: fail(400, { values, errors } satisfies MessageFormFailure), values };
}

/** A notice addressed to the caller in `audience` (404 otherwise). */
export function receivedScope(audience: 'families' | 'staff'): Scope<{ noticeId: number }> {
	return async (ctx) => {
		const noticeId = routeId(ctx.event.params.noticeId);
		const row = await ctx.db
			.selectFrom('notice_recipients as r')
			.innerJoin('notices as n', 'n.id', 'r.notice_id')
			.select('r.notice_id')
			.where('r.notice_id', '=', noticeId)
			.where('r.user_id', '=', ctx.principal.userId)
			.where('n.audience', '=', audience)
			.executeTakeFirst();
		if (!row) notFound();
		return { noticeId };
	};
}

export function receivedLoad(audience: 'families' | 'staff') {
	return async (ctx: RequestContext & { noticeId: number }) => ({
		notice: {
			...(await openNotice(ctx.db, ctx.principal, audience, ctx.noticeId)),
			files: await attachmentsOfNotice(ctx.db, ctx.noticeId)
		}
	});
}

export function confirmAction() {
	return async (ctx: RequestContext & { noticeId: number }) => {
		const form = await readPlainForm(ctx, noticeButtonSchema);
		if (!form || form.notice !== ctx.noticeId) return plainInvalid();
		try {
			await confirmNotice(ctx.db, ctx.principal, ctx.noticeId);
		} catch (err) {
			return plainFailure(err);
		}
		redirect(303, `${ctx.event.url.pathname}?confirmed=1`);
	};
}
