import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { replySchema } from '$lib/schemas/messages';
import { plainFailure, routeId, type RequestContext, type Scope } from '../action';
import { requireSchool, type ConversationView } from '../auth/access';
import { getConfig } from '../config';
import { DomainError } from '../errors';
import { getFileStorage } from '../files';
import type { AttachmentStorage, UploadedFile } from './attachments';
import { reply } from './conversations';
import { loadConversation, requireConversation } from './read';

/**
 * The glue the three inboxes share (family, teacher, school office): the scope that proves the
 * caller may read the URL's conversation (404 before any form is read), its load, the reply
 * action, and reading a message form that keeps what was typed when it does not validate.
 */
export interface ConversationScope {
	conversationId: number;
	schoolId?: number;
}

export function conversationScope(view: ConversationView): Scope<ConversationScope> {
	return async (ctx) => {
		let schoolId: number | undefined;
		if (view === 'office') {
			const school = await requireSchool(
				ctx.db,
				ctx.principal,
				routeId(ctx.event.params.schoolId),
				'messages.office'
			);
			schoolId = school.id;
		}
		const id = routeId(ctx.event.params.conversationId);
		await requireConversation(ctx.db, ctx.principal, view, id, { schoolId });
		return { conversationId: id, schoolId };
	};
}

/** What a message form gives back when it does not validate: the typed values and the field codes. */
export interface MessageFormFailure {
	values: Record<string, string>;
	errors: Record<string, string[] | undefined>;
	error?: string;
}

/** The longest typed value given back to the page (the body's limit and a little more). */
const ECHO_LIMIT = 6000;

export async function readMessageForm<S extends z.ZodObject>(ctx: RequestContext, schema: S) {
	const data = await ctx.event.request.formData();
	const files = await formFiles(data);
	const raw = Object.fromEntries(data);
	const values = Object.fromEntries(
		Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, ECHO_LIMIT) : ''])
	);
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { data: parsed.data as z.infer<S>, values, files };
	const errors = z.flattenError(parsed.error).fieldErrors as MessageFormFailure['errors'];
	return { failure: fail(400, { values, errors } satisfies MessageFormFailure), values };
}

/**
 * A service's refusal on a message form, what was typed kept: beside its field when the rule
 * names one (the attached files), otherwise above the form.
 */
export function messageFormFailure(err: unknown, values: Record<string, string>) {
	if (err instanceof DomainError && err.field === 'files') {
		const errors = { files: [`${err.code}|${JSON.stringify(err.params)}`] };
		return fail(400, { values, errors } satisfies MessageFormFailure);
	}
	const failure = plainFailure(err);
	return fail(failure.status, { values, errors: {}, error: failure.data.error });
}

/** The files of a message form's `files` input (an empty input sends one nameless empty part). */
export async function formFiles(data: FormData): Promise<UploadedFile[]> {
	const parts = data
		.getAll('files')
		.filter((v): v is File => typeof v !== 'string' && !(v.size === 0 && v.name === ''));
	return Promise.all(
		parts.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))
	);
}

/** Where a message's files go: the app's file storage and its size limit. */
export function attachmentStorage(): AttachmentStorage {
	return { files: getFileStorage(), maxBytes: getConfig().UPLOAD_MAX_BYTES };
}

export function conversationLoad(view: ConversationView) {
	return async (ctx: RequestContext & ConversationScope) => ({
		conversation: await loadConversation(
			ctx.db,
			ctx.principal,
			view,
			ctx.conversationId,
			ctx.schoolId
		),
		me: ctx.principal.userId
	});
}

export function replyAction(view: ConversationView) {
	return async (ctx: RequestContext & ConversationScope) => {
		const form = await readMessageForm(ctx, replySchema);
		if (!form.data) return form.failure;
		try {
			await reply(ctx.db, ctx.principal, view, ctx.conversationId, form.data.body, {
				storage: attachmentStorage(),
				files: form.files
			});
		} catch (err) {
			return messageFormFailure(err, form.values);
		}
		redirect(303, `${ctx.event.url.pathname}#latest`);
	};
}
