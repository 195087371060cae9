import { statusSchema } from '$lib/schemas/roster';
import { plainFailure, plainInvalid, type RequestContext, savedRedirect } from '../action';

/**
 * The deactivate / reactivate button of a roster page: reads the version and the wanted state,
 * runs `change`, and answers with the outcome (a stale version gives the conflict message).
 */
export function statusAction<C extends RequestContext>(
	change: (ctx: C, version: number, active: boolean) => Promise<void>
) {
	return async (ctx: C) => {
		const parsed = statusSchema.safeParse(Object.fromEntries(await ctx.event.request.formData()));
		if (!parsed.success) return plainInvalid();
		const active = parsed.data.active === 'true';
		try {
			await change(ctx, parsed.data.version, active);
		} catch (err) {
			return plainFailure(err);
		}
		savedRedirect(ctx.event.url, active ? 'reactivated' : 'deactivated');
	};
}
