import type { RequestEvent } from '@sveltejs/kit';
import { requestContext, type RequestContext } from './context';
import type { Scope } from './scope';

type Handler<S> = (ctx: RequestContext & S) => unknown;

/**
 * The actions of a page, each of which first proves the caller's scope (a 404 outside it), then
 * runs. The scope is checked before the form is read, so a caller outside it learns nothing, not
 * even whether the form was valid.
 *
 * ```ts
 * export const actions = guardedActions(schoolScope('roster.manage'), {
 *   save: async (ctx) => { const form = await readForm(ctx, schema, 'class'); ... }
 * }) satisfies Actions;
 * ```
 */
export function guardedActions<S, A extends Record<string, Handler<S>>>(
	scope: Scope<S>,
	actions: A
): { [K in keyof A]: (event: RequestEvent) => Promise<Awaited<ReturnType<A[K]>>> } {
	const wrapped: Record<string, (event: RequestEvent) => Promise<unknown>> = {};
	for (const [name, action] of Object.entries(actions)) {
		wrapped[name] = async (event) => {
			const ctx = requestContext(event);
			const proved = await scope(ctx);
			return action({ ...ctx, ...proved });
		};
	}
	return wrapped as never;
}

/**
 * One guarded action, for pages whose actions need different scopes (an admin edits, an official
 * reviews): `{ save: guardedAction(schoolScope('rollout.edit'), save), review: ... }`.
 */
export function guardedAction<S, R>(scope: Scope<S>, action: (ctx: RequestContext & S) => R) {
	return async (event: RequestEvent): Promise<Awaited<R>> => {
		const ctx = requestContext(event);
		const proved = await scope(ctx);
		return (await action({ ...ctx, ...proved })) as Awaited<R>;
	};
}

/** A load behind the same scope check as the page's actions. */
export function guardedLoad<S, R>(scope: Scope<S>, load: (ctx: RequestContext & S) => Promise<R>) {
	return async (event: RequestEvent): Promise<R> => {
		const ctx = requestContext(event);
		const proved = await scope(ctx);
		return load({ ...ctx, ...proved });
	};
}
