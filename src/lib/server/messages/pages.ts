import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { replySchema } from '$lib/schemas/messages';
import { plainFailure, routeId, type RequestContext, type Scope } from '../action';
import { requireSchool, type ConversationView } from '../auth/access';
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
	const raw = Object.fromEntries(await ctx.event.request.formData());
	const values = Object.fromEntries(
		Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, ECHO_LIMIT) : ''])
	);
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { data: parsed.data as z.infer<S>, values };
	const errors = z.flattenError(parsed.error).fieldErrors as MessageFormFailure['errors'];
	return { failure: fail(400, { values, errors } satisfies MessageFormFailure), values };
}

/** A service's refusal on a message form: its text above the form, what was typed kept. */
export function messageFormFailure(err: unknown, values: Record<string, string>) {
	const failure = plainFailure(err);
	return fail(failure.status, { values, errors: {}, error: failure.data.error });
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
		await reply(ctx.db, ctx.principal, view, ctx.conversationId, form.data.body);
		redirect(303, `${ctx.event.url.pathname}#latest`);
	};
}
